using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>
/// A Bot Connector service on loopback: records every activity the bot sends (replies, typing,
/// updates) and answers like the real service, so tests assert what a Teams client would receive.
/// </summary>
public sealed class MockBotConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SignalledLog<ReceivedActivity> _log = new();
    private int _ids;

    public IReadOnlyList<ReceivedActivity> All => _log.Snapshot();

    /// <summary>The conversation id <see cref="FailWith"/> sees for a request to create a conversation.</summary>
    public const string CreateConversation = "(create conversation)";

    private int _memberLookups;
    private int _refusedCreates;

    /// <summary>How many times the bot asked for one member's details.</summary>
    public int MemberLookups => Volatile.Read(ref _memberLookups);

    /// <summary>Requests to create a conversation that <see cref="FailWith"/> refused.</summary>
    public int RefusedCreates => Volatile.Read(ref _refusedCreates);

    public string ServiceUrl { get; private set; } = "";

    /// <summary>Conversations the bot created, with the member they are for.</summary>
    public List<(string Member, JsonObject Request)> CreatedConversations { get; } = [];

    private MockBotConnector()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (string conversationId, string replyToId, HttpContext http) => Record(conversationId, replyToId, http));
        _app.MapPost("/v3/conversations/{conversationId}/activities", (string conversationId, HttpContext http) => Record(conversationId, null, http));
        // Creating a 1:1 conversation (welcome for a member added to a team): answer with a new conversation id.
        _app.MapPost("/v3/conversations", async (HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
            var member = body["members"]?[0]?["id"]?.GetValue<string>() ?? "unknown";
            var request = new ReceivedActivity("POST", CreateConversation, null, body, http.Request.Headers.Authorization.ToString());
            if (_fault?.Invoke(request) is { } status)
            {
                Interlocked.Increment(ref _refusedCreates);
                return Results.Json(new { error = new { code = "ServiceError", message = "mock failure" } }, statusCode: status);
            }
            lock (CreatedConversations) CreatedConversations.Add((member, body));
            return Results.Json(new { id = "a:personal-" + member, activityId = "", serviceUrl = ServiceUrl });
        });
        // What the SDK's TeamsActivityHandler does for each member added to a team, unless the bot avoids it.
        _app.MapGet("/v3/conversations/{conversationId}/members/{userId}", (string conversationId, string userId) =>
        {
            Interlocked.Increment(ref _memberLookups);
            return Results.Json(new { id = userId, name = "Member " + userId, aadObjectId = "aad-" + userId, tenantId = "tenant-1" });
        });
        _app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (string conversationId, string activityId, HttpContext http) => Record(conversationId, activityId, http));
    }

    public static async Task<MockBotConnector> StartAsync()
    {
        var connector = new MockBotConnector();
        await connector._app.StartAsync();
        connector.ServiceUrl = connector._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return connector;
    }

    private Func<ReceivedActivity, int?>? _fault;

    /// <summary>Answers matching sends with the given status instead of accepting them (null: accept).</summary>
    public void FailWith(Func<ReceivedActivity, int?>? fault) => _fault = fault;

    private Func<ReceivedActivity, bool>? _hang;

    /// <summary>Never answers matching sends: they wait until the bot gives up on them (null: answer everything).</summary>
    public void HangOn(Func<ReceivedActivity, bool>? hang) => _hang = hang;

    private Func<ReceivedActivity, Task>? _beforeAnswering;

    /// <summary>
    /// Runs before each send is answered, with the bot waiting for that answer: a member who reacts to a message the instant it
    /// appears, before the bot's turn has gone on (null: answer at once).
    /// </summary>
    public void BeforeAnswering(Func<ReceivedActivity, Task>? react) => _beforeAnswering = react;

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Queue<TimeSpan> _lastSecond = new();
    private int? _ratePerSecond;
    private int? _ratePerConversation;
    private readonly Dictionary<string, Queue<TimeSpan>> _lastSecondByConversation = [];

    /// <summary>
    /// Like Teams under load: more than <paramref name="perSecond"/> messages in any second (or more than
    /// <paramref name="perConversation"/> in one conversation) are answered 429 with Retry-After.
    /// </summary>
    public void LimitRate(int perSecond, int? perConversation = null) => (_ratePerSecond, _ratePerConversation) = (perSecond, perConversation);

    /// <summary>The most messages (accepted or refused) that arrived within any one second.</summary>
    public int MaxInAnySecond()
    {
        var times = All.Where(a => a.Type == "message").Select(a => a.ReceivedAt).Order().ToList();
        var max = 0;
        for (int start = 0, end = 0; end < times.Count; end++)
        {
            while (times[end] - times[start] >= TimeSpan.FromSeconds(1)) start++;
            max = Math.Max(max, end - start + 1);
        }
        return max;
    }

    private async Task<IResult> Record(string conversationId, string? replyToId, HttpContext http)
    {
        var arrived = _clock.Elapsed;
        var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
        var activity = new ReceivedActivity(http.Request.Method, conversationId, replyToId, body, http.Request.Headers.Authorization.ToString())
        {
            ReceivedAt = arrived,
        };
        if (_fault?.Invoke(activity) is { } status)
        {
            activity = activity with { RefusedWith = status };
        }
        else if (_ratePerSecond is { } limit && activity.Type == "message")
            lock (_lastSecond)
            {
                while (_lastSecond.Count > 0 && arrived - _lastSecond.Peek() >= TimeSpan.FromSeconds(1)) _lastSecond.Dequeue();
                if (!_lastSecondByConversation.TryGetValue(conversationId, out var recent)) _lastSecondByConversation[conversationId] = recent = new();
                while (recent.Count > 0 && arrived - recent.Peek() >= TimeSpan.FromSeconds(1)) recent.Dequeue();
                if (_lastSecond.Count >= limit || recent.Count >= (_ratePerConversation ?? int.MaxValue)) activity = activity with { RefusedWith = 429 };
                _lastSecond.Enqueue(arrived);
                recent.Enqueue(arrived);
            }
        if (_hang?.Invoke(activity) == true)
        {
            _log.Add(activity with { Hung = true });
            try
            {
                await new TaskCompletionSource().Task.WaitAsync(http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
            return Results.Empty;
        }
        if (_beforeAnswering is { } react) await react(activity);
        var responseId = $"mock-{Interlocked.Increment(ref _ids)}";
        activity = activity with { ResponseId = responseId };
        _log.Add(activity);
        if (activity.RefusedWith == 429) http.Response.Headers.RetryAfter = "1";
        return activity.RefusedWith is { } refused
            ? Results.Json(new { error = new { code = "ServiceError", message = "mock failure" } }, statusCode: refused)
            : Results.Json(new { id = responseId });
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> received activities match, and returns the last of them.</summary>
    public Task<ReceivedActivity> WaitForAsync(Func<ReceivedActivity, bool> match, int count = 1, TimeSpan? timeout = null) =>
        _log.WaitForAsync(items => items.Where(match).Skip(count - 1).FirstOrDefault(), timeout);

    public Task<ReceivedActivity> MessageAsync(string conversationId, int count = 1, TimeSpan? timeout = null) =>
        WaitForAsync(a => a.ConversationId == conversationId && a.Type == "message" && a.RefusedWith is null && !a.Hung, count, timeout);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

public sealed record ReceivedActivity(string Method, string ConversationId, string? ReplyToId, JsonObject Body, string Authorization)
{
    /// <summary>The status the mock answered instead of accepting the activity, if it refused it.</summary>
    public int? RefusedWith { get; init; }

    /// <summary>The mock never answered it (see <see cref="MockBotConnector.HangOn"/>).</summary>
    public bool Hung { get; init; }

    /// <summary>When the request arrived, from the connector's start.</summary>
    public TimeSpan ReceivedAt { get; init; }

    /// <summary>The id the mock gave the new message (what the bot later updates).</summary>
    public string? ResponseId { get; init; }

    public string Type => Body["type"]?.GetValue<string>() ?? "";

    public string? Text => Body["text"]?.GetValue<string>();

    public JsonObject? Card =>
        Body["attachments"] is JsonArray { Count: > 0 } a && a[0]?["contentType"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive"
            ? a[0]!["content"] as JsonObject
            : null;
}
