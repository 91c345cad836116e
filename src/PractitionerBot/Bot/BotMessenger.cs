using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using PractitionerBot.Conversations;
using PractitionerBot.Hosting;

namespace PractitionerBot.Bot;

/// <summary>Proactive sends and updates through the Bot Framework adapter (answers to askers, channel cards).</summary>
internal sealed partial class BotMessenger(PractitionerAdapter adapter, IOptions<BotAuthOptions> auth, Announcements.AnnouncementOptions options,
    TimeProvider time, ILogger<BotMessenger> log) : IMessenger
{
    public static string Serialize(ConversationReference reference) => JsonConvert.SerializeObject(reference);

    public Task<SendResult> SendAsync(string conversationReference, Reply reply, CancellationToken cancellationToken) =>
        RunAsync(conversationReference, async (turn, reference, ct) =>
        {
            // Send to the conversation, not as a reply: a reply would thread under the continuation activity.
            var activity = (Activity)ReplyActivities.ToActivity(reply, reference.ChannelId);
            activity.ApplyConversationReference(reference);
            activity.ReplyToId = null;
            var client = turn.TurnState.Get<IConnectorClient>();
            var response = await client.Conversations.SendToConversationAsync(activity, ct);
            return response?.Id;
        }, cancellationToken);

    public Task<SendResult> UpdateAsync(string conversationReference, string activityId, Reply reply, CancellationToken cancellationToken) =>
        RunAsync(conversationReference, async (turn, reference, ct) =>
        {
            var activity = (Activity)ReplyActivities.ToActivity(reply, reference.ChannelId);
            activity.Id = activityId;
            var response = await turn.UpdateActivityAsync(activity, ct);
            return response?.Id ?? activityId;
        }, cancellationToken);

    private Task<SendResult> RunAsync(string conversationReference, Func<ITurnContext, ConversationReference, CancellationToken, Task<string?>> send,
        CancellationToken cancellationToken)
    {
        var reference = JsonConvert.DeserializeObject<ConversationReference>(conversationReference)
                        ?? throw new InvalidOperationException("empty conversation reference");
        return CallAsync(async ct =>
        {
            string? id = null;
            Exception? failure = null;
            // Failures are caught inside the callback: the adapter would otherwise hand them to the turn error
            // handler (which apologises and resets state) and the send would look successful here.
            await adapter.ContinueConversationAsync(auth.Value.MicrosoftAppId ?? "", reference, async (turn, c) =>
            {
                try
                {
                    id = await send(turn, reference, c);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            }, ct);
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            return id;
        }, cancellationToken);
    }

    /// <summary>
    /// One call to the Bot Connector, bounded by <see cref="Announcements.AnnouncementOptions.SendTimeoutSeconds"/>, with its
    /// failure as a value: the HTTP status and Retry-After, or "could not be reached" / "did not answer in time".
    /// </summary>
    public async Task<SendResult> CallAsync(Func<CancellationToken, Task<string?>> call, CancellationToken cancellationToken)
    {
        // A connector that hangs must not hold a send (and the outbox lease) for the HTTP client's 100 s.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.SendTimeoutSeconds));
        try
        {
            return new SendResult(true, await call(timeout.Token));
        }
        catch (Microsoft.Bot.Schema.ErrorResponseException e)
        {
            LogSendFailed(log, $"HTTP {(int)e.Response.StatusCode}");
            return new SendResult(false, Error: $"Teams answered {(int)e.Response.StatusCode}", Status: (int)e.Response.StatusCode, RetryAfter: Bot.RetryAfter.Of(e, time.GetUtcNow()));
        }
        catch (Exception e) when (e is HttpRequestException or UnauthorizedAccessException or IOException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogSendFailed(log, e.GetType().Name);
            return new SendResult(false, Error: e is OperationCanceledException ? "Teams did not answer in time" : "Teams could not be reached");
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Proactive message failed: {ErrorType}")]
    private static partial void LogSendFailed(ILogger logger, string errorType);
}
