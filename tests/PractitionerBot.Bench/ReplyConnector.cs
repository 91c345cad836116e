using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PractitionerBot.Bench;

/// <summary>What the bot replied to one activity, and when (a <see cref="Stopwatch"/> timestamp taken as the reply arrived).</summary>
internal readonly record struct ReceivedReply(long At, string Kind);

/// <summary>
/// A Bot Connector on loopback that accepts every send at once and hands each reply to whoever is
/// waiting for the activity it answers (matched by <c>replyToId</c>). Typing indicators are counted, not awaited.
/// </summary>
internal sealed class ReplyConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ReceivedReply>> _waiting = new();
    private int _typing;
    private int _unmatched;

    public ReplyConnector(int port)
    {
        _app = BenchSupport.LoopbackApp(port);
        _app.MapPost("/v3/conversations/{id}/activities", (string id, HttpContext http) => HandleAsync(null, http));
        _app.MapPost("/v3/conversations/{id}/activities/{replyTo}", (string id, string replyTo, HttpContext http) => HandleAsync(replyTo, http));
        ServiceUrl = $"http://127.0.0.1:{port}/";
    }

    public string ServiceUrl { get; }
    public int Typing => _typing;
    public int Unmatched => _unmatched;

    public Task StartAsync() => _app.StartAsync();

    /// <summary>Call before posting the activity, so a fast reply cannot arrive before anyone waits for it.</summary>
    public Task<ReceivedReply> Expect(string activityId)
    {
        var reply = new TaskCompletionSource<ReceivedReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[activityId] = reply;
        return reply.Task;
    }

    public void Forget(string activityId) => _waiting.TryRemove(activityId, out _);

    private async Task<IResult> HandleAsync(string? replyTo, HttpContext http)
    {
        var activity = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        var at = Stopwatch.GetTimestamp();
        if (activity?["type"]?.GetValue<string>() == "typing")
        {
            Interlocked.Increment(ref _typing);
        }
        else
        {
            replyTo ??= activity?["replyToId"]?.GetValue<string>();
            if (replyTo is not null && _waiting.TryRemove(replyTo, out var waiter)) waiter.TrySetResult(new ReceivedReply(at, Classify(activity)));
            else Interlocked.Increment(ref _unmatched);
        }
        return Results.Json(new { id = Guid.NewGuid().ToString("N") });
    }

    /// <summary>
    /// "answer" (an answer card from the papers), "no-answer" (the card that says the papers have
    /// nothing good and points to groups), "echo", or what else it was: anything else is an error.
    /// </summary>
    private static string Classify(JsonObject? activity)
    {
        if (activity?["type"]?.GetValue<string>() != "message") return "other: " + (activity?["type"]?.GetValue<string>() ?? "no type");
        if (activity["attachments"] is JsonArray { Count: > 0 } attachments)
        {
            var card = attachments[0]?["content"];
            if (attachments[0]?["contentType"]?.GetValue<string>() != "application/vnd.microsoft.card.adaptive") return "other: attachment";
            if (card?["actions"] is JsonArray actions && actions.Any(a => a?["data"]?["action"]?.GetValue<string>() == "feedback")) return "answer";
            var title = card?["body"]?[0]?["text"]?.GetValue<string>() ?? "";
            return title.StartsWith("I could not find a good answer", StringComparison.Ordinal) ? "no-answer" : "other: card";
        }
        var text = activity["text"]?.GetValue<string>() ?? "";
        return text.StartsWith(EchoBot.Prefix, StringComparison.Ordinal) ? "echo" : "other: text";
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
