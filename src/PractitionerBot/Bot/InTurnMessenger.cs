using Microsoft.Extensions.Options;
using PractitionerBot.Conversations;

namespace PractitionerBot.Bot;

/// <summary>
/// Proactive sends made while a member's turn waits for them (a peer's answer relayed to the asker, the channel card updated
/// when the asker resolves, a question posted to the channel): one try, bounded by <see cref="ConnectorOptions.InTurnSendSeconds"/>,
/// so the turn answers well within the 15 s Teams gives it. They skip the outbox's rate queue on purpose: behind a fan-out of
/// thousands that queue is minutes long, and the member is waiting. A send that does not make it is reported as not sent.
/// </summary>
internal sealed class InTurnMessenger(BotMessenger inner, IOptions<ConnectorOptions> options) : IMessenger
{
    public Task<SendResult> SendAsync(string conversationReference, Reply reply, CancellationToken cancellationToken) =>
        BoundedAsync(ct => inner.SendAsync(conversationReference, reply, ct), cancellationToken);

    public Task<SendResult> UpdateAsync(string conversationReference, string activityId, Reply reply, CancellationToken cancellationToken) =>
        BoundedAsync(ct => inner.UpdateAsync(conversationReference, activityId, reply, ct), cancellationToken);

    private async Task<SendResult> BoundedAsync(Func<CancellationToken, Task<SendResult>> send, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(options.Value.InTurnSendSeconds));
        try
        {
            return await send(budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(false, Error: "Teams did not answer in time");
        }
    }
}
