using PractitionerBot.Chat;
using PractitionerBot.PeerExchange;

namespace PractitionerBot.Announcements;

/// <summary>
/// The one owner of outbound announcement traffic: a global rate (default 40 per second), at most 7
/// per second per conversation, and on 429 a pause for everyone until Retry-After has passed.
/// Time comes from <see cref="TimeProvider"/>, so tests and benchmarks control it.
/// </summary>
public sealed class ThrottledSender(IMessenger messenger, AnnouncementOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _recent = [];
    private DateTimeOffset _nextGlobal = DateTimeOffset.MinValue;
    private DateTimeOffset _throttledUntil = DateTimeOffset.MinValue;

    public DateTimeOffset ThrottledUntil { get { lock (_gate) return _throttledUntil; } }

    public async Task<SendResult> SendAsync(string conversationId, string reference, Reply reply, CancellationToken cancellationToken)
    {
        await WaitTurnAsync(conversationId, cancellationToken);
        return Observe(await messenger.SendAsync(reference, reply, cancellationToken));
    }

    public async Task<SendResult> UpdateAsync(string conversationId, string reference, string activityId, Reply reply, CancellationToken cancellationToken)
    {
        await WaitTurnAsync(conversationId, cancellationToken);
        return Observe(await messenger.UpdateAsync(reference, activityId, reply, cancellationToken));
    }

    private SendResult Observe(SendResult result)
    {
        if (result.Status == 429)
            lock (_gate)
            {
                var until = time.GetUtcNow() + (result.RetryAfter ?? TimeSpan.FromSeconds(1));
                if (until > _throttledUntil) _throttledUntil = until;
            }
        return result;
    }

    /// <summary>
    /// Reserves the next slot that respects the pause, the global rate and the conversation's rate, then
    /// waits for it. Reserving (not just peeking) keeps callers first come, first served: nobody starves
    /// past the outbox lease and gets sent twice.
    /// </summary>
    private async Task WaitTurnAsync(string conversationId, CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset slot;
            lock (_gate)
            {
                var now = time.GetUtcNow();
                slot = Max(now, _throttledUntil, _nextGlobal);
                if (!_recent.TryGetValue(conversationId, out var recent)) _recent[conversationId] = recent = new Queue<DateTimeOffset>();
                while (recent.Count > 0 && recent.Peek() <= slot - TimeSpan.FromSeconds(1)) recent.Dequeue();
                if (recent.Count >= options.PerConversationPerSecond) slot = Max(slot, recent.Peek() + TimeSpan.FromSeconds(1));
                _nextGlobal = slot + TimeSpan.FromSeconds(1 / options.GlobalRatePerSecond);
                recent.Enqueue(slot);
                if (_recent.Count > 10_000) Prune(now);
            }
            var wait = slot - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
            // A 429 that arrived while waiting pauses everyone: take a new slot after the pause.
            lock (_gate)
                if (time.GetUtcNow() >= _throttledUntil) return;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _recent.Where(r => r.Value.Count == 0 || r.Value.Last() < now - TimeSpan.FromSeconds(1)).Select(r => r.Key).ToList())
            _recent.Remove(key);
    }

    private static DateTimeOffset Max(params DateTimeOffset[] values) => values.Max();
}
