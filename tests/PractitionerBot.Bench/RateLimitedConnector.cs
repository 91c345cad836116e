using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace PractitionerBot.Bench;

/// <summary>
/// A Bot Connector that behaves like a busy Teams: at most 7 sends per second per conversation and
/// 50 per second overall (429 with Retry-After beyond that), 5% of sends fail with 500 and 1% hang
/// until the bot gives up (other shares can be given). It counts what it accepted, per conversation, to
/// find losses and duplicates, and creates personal chats (<c>POST /v3/conversations</c>) under the same global rate and failures.
/// </summary>
internal sealed class RateLimitedConnector : IAsyncDisposable
{
    public const int GlobalLimit = 50;
    public const int ConversationLimit = 7;

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Queue<DateTime> _global = new();
    private readonly Dictionary<string, Queue<DateTime>> _perConversation = [];
    private readonly Random _random = new(42);
    private readonly double _failShare;
    private readonly double _hangShare;

    public ConcurrentDictionary<string, int> Accepted { get; } = new();
    public int Throttled;
    public int Failed;
    public int Hung;
    public DateTime? FirstAccepted;
    public DateTime LastAccepted;
    public List<DateTime> AcceptedTimes { get; } = [];
    public int MaxInAnySecond;
    public int Created;

    public string ServiceUrl { get; }

    public RateLimitedConnector(int port, double failShare = 0.05, double hangShare = 0.01)
    {
        (_failShare, _hangShare) = (failShare, hangShare);
        _app = BenchSupport.LoopbackApp(port);
        _app.MapPost("/v3/conversations", (Delegate)CreateAsync);
        _app.MapPost("/v3/conversations/{id}/activities", (string id, HttpContext http) => HandleAsync(id, http));
        _app.MapPost("/v3/conversations/{id}/activities/{reply}", (string id, HttpContext http) => HandleAsync(id, http));
        ServiceUrl = $"http://127.0.0.1:{port}/";
    }

    public Task StartAsync() => _app.StartAsync();

    private async Task<IResult> HandleAsync(string conversation, HttpContext http)
    {
        var activity = await JsonNode.ParseAsync(http.Request.Body);
        if (activity?["type"]?.GetValue<string>() != "message") return Results.Json(new { id = "t" });
        double roll;
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            Trim(_global, now);
            if (!_perConversation.TryGetValue(conversation, out var recent)) _perConversation[conversation] = recent = new Queue<DateTime>();
            Trim(recent, now);
            if (_global.Count >= GlobalLimit || recent.Count >= ConversationLimit)
            {
                Throttled++;
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(new { error = new { code = "Throttled" } }, statusCode: 429);
            }
            _global.Enqueue(now);
            recent.Enqueue(now);
            MaxInAnySecond = Math.Max(MaxInAnySecond, _global.Count);
            roll = _random.NextDouble();
        }
        if (roll < _hangShare)
        {
            Interlocked.Increment(ref Hung);
            await Task.Delay(TimeSpan.FromSeconds(10)); // longer than the bot waits: it times out and retries
            return Results.StatusCode(503);
        }
        if (roll < _hangShare + _failShare)
        {
            Interlocked.Increment(ref Failed);
            return Results.Json(new { error = new { code = "ServiceError" } }, statusCode: 500);
        }
        lock (_gate)
        {
            Accepted.AddOrUpdate(conversation, 1, (_, n) => n + 1);
            FirstAccepted ??= DateTime.UtcNow;
            LastAccepted = DateTime.UtcNow;
            AcceptedTimes.Add(LastAccepted);
        }
        return Results.Json(new { id = Guid.NewGuid().ToString("N") });
    }

    /// <summary>A member's personal chat: the same id every time for the same member, as Teams does.</summary>
    private async Task<IResult> CreateAsync(HttpContext http)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body);
        var member = body?["members"]?[0]?["id"]?.GetValue<string>() ?? "unknown";
        double roll;
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            Trim(_global, now);
            if (_global.Count >= GlobalLimit)
            {
                Throttled++;
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(new { error = new { code = "Throttled" } }, statusCode: 429);
            }
            _global.Enqueue(now);
            roll = _random.NextDouble();
        }
        if (roll < _failShare)
        {
            Interlocked.Increment(ref Failed);
            return Results.Json(new { error = new { code = "ServiceError" } }, statusCode: 500);
        }
        Interlocked.Increment(ref Created);
        return Results.Json(new { id = "a:personal-" + member, activityId = "", serviceUrl = ServiceUrl });
    }

    private static void Trim(Queue<DateTime> window, DateTime now)
    {
        while (window.Count > 0 && window.Peek() <= now.AddSeconds(-1)) window.Dequeue();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
