namespace PractitionerBot.Conversations;

/// <summary>
/// Outcome of a proactive send: the id of the new message, or why it failed: the HTTP status Teams
/// answered (null when it could not be reached or timed out) and how long it asked to wait.
/// </summary>
public readonly record struct SendResult(bool Sent, string? ActivityId = null, string? Error = null, int? Status = null, TimeSpan? RetryAfter = null);

/// <summary>
/// Sends replies outside the current turn (to a channel, or to a member's personal chat) and updates
/// messages already sent. Implemented by the channel adapter; the conversation reference is opaque here.
/// </summary>
public interface IMessenger
{
    Task<SendResult> SendAsync(string conversationReference, Reply reply, CancellationToken cancellationToken);

    Task<SendResult> UpdateAsync(string conversationReference, string activityId, Reply reply, CancellationToken cancellationToken);
}
