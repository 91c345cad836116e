using System.Runtime.CompilerServices;
using PractitionerBot.Conversations;

namespace PractitionerBot.Announcements;

/// <summary>
/// The one owner of outbound announcement traffic: a global rate (default 40 per second) kept by the
/// <see cref="IRateGate"/> (shared by all instances on PostgreSQL), at most 7 per second per conversation,
/// and on 429 a pause for everyone until Retry-After has passed.
/// Time comes from <see cref="TimeProvider"/>, so tests and benchmarks control it.
/// </summary>
public sealed class ThrottledSender(IMessenger messenger, IRateGate rate, AnnouncementOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<StrongBox<DateTimeOffset>>> _recent = [];

    /// <summary>When the pause after the last 429 (heard by any instance sharing the gate) ends: the time to retry a throttled send.</summary>
    public async Task<DateTimeOffset> ThrottledUntilAsync(CancellationToken cancellationToken) =>
        time.GetUtcNow() + await rate.PausedForAsync(cancellationToken);

    /// <summary>
    /// What an outbox does with a send that failed: 403 and 404 mean the recipient is gone (never retried); 400, 401 and
    /// 413 are poison (sending again cannot succeed); 429 waits for the shared pause; anything else retries with jittered
    /// backoff until <see cref="AnnouncementOptions.MaxAttempts"/>.
    /// </summary>
    public async Task<SendFate> FateAsync(SendResult result, int attemptsBefore, CancellationToken cancellationToken)
    {
        switch (result.Status)
        {
            case 403 or 404:
                return new SendFate(SendFateKind.Gone, time.GetUtcNow(), true, result.Error ?? "gone");
            case 400 or 401 or 413:
                return new SendFate(SendFateKind.Poison, time.GetUtcNow(), true, result.Error ?? "refused");
            case 429:
                return new SendFate(SendFateKind.Retry, await ThrottledUntilAsync(cancellationToken), false, "throttled");
            default:
                var attempts = attemptsBefore + 1;
                var backoff = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempts)) * (0.5 + Random.Shared.NextDouble()));
                return new SendFate(SendFateKind.Retry, time.GetUtcNow() + backoff, attempts >= options.MaxAttempts, result.Error ?? "transient");
        }
    }

    public async Task<SendResult> SendAsync(string conversationId, string reference, Reply reply, CancellationToken cancellationToken)
    {
        await WaitTurnAsync(conversationId, cancellationToken);
        return await ObserveAsync(await messenger.SendAsync(reference, reply, CancellationToken.None));
    }

    public async Task<SendResult> UpdateAsync(string conversationId, string reference, string activityId, Reply reply, CancellationToken cancellationToken)
    {
        await WaitTurnAsync(conversationId, cancellationToken);
        return await ObserveAsync(await messenger.UpdateAsync(reference, activityId, reply, CancellationToken.None));
    }

    /// <summary>Any other call to the connector (creating a member's personal chat) under the same rates and pause.</summary>
    public async Task<SendResult> CallAsync(string conversationId, Func<CancellationToken, Task<SendResult>> call, CancellationToken cancellationToken)
    {
        await WaitTurnAsync(conversationId, cancellationToken);
        return await ObserveAsync(await call(CancellationToken.None));
    }

    private async Task<SendResult> ObserveAsync(SendResult result)
    {
        if (result.Status == 429) Telemetry.BotTelemetry.Throttled("outbox");
        if (result.Status == 429) await rate.PauseAsync(result.RetryAfter ?? TimeSpan.FromSeconds(1), CancellationToken.None);
        return result;
    }

    /// <summary>
    /// Reserves the next slot that respects the conversation's rate, the global rate and any pause, then waits for it.
    /// Reserving (not just peeking) keeps callers first come, first served: nobody starves past the outbox lease and
    /// gets sent twice. A slot missed by more than one interval (this process stalled) is given up for a new one, so
    /// sends held up together never go out together above the rate.
    /// </summary>
    private async Task WaitTurnAsync(string conversationId, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1 / options.GlobalRatePerSecond);
        while (true)
        {
            StrongBox<DateTimeOffset> entry;
            List<StrongBox<DateTimeOffset>> recent;
            DateTimeOffset now, notBefore;
            lock (_gate)
            {
                now = time.GetUtcNow();
                notBefore = now; // the gate adds any pause
                if (!_recent.TryGetValue(conversationId, out recent!)) _recent[conversationId] = recent = [];
                recent.RemoveAll(r => r.Value <= notBefore - TimeSpan.FromSeconds(1));
                if (recent.Count >= options.PerConversationPerSecond) notBefore = Max(notBefore, recent.Min(r => r.Value) + TimeSpan.FromSeconds(1));
                recent.Add(entry = new StrongBox<DateTimeOffset>(notBefore));
                if (_recent.Count > 10_000) Prune(now);
            }
            var wait = await rate.ReserveAsync(notBefore - now, interval, cancellationToken);
            var slot = time.GetUtcNow() + wait;
            lock (_gate) entry.Value = Max(slot, entry.Value);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
            // A 429 that arrived while waiting pauses everyone: take a new slot after the pause.
            var late = time.GetUtcNow() - slot > interval;
            if (!late && await rate.PausedForAsync(cancellationToken) == TimeSpan.Zero) return;
            lock (_gate) recent.Remove(entry);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _recent.Where(r => r.Value.Count == 0 || r.Value.Max(x => x.Value) < now - TimeSpan.FromSeconds(1)).Select(r => r.Key).ToList())
            _recent.Remove(key);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

public enum SendFateKind { Gone, Poison, Retry }

/// <summary>A failed send's fate: gone, poison or another try at <paramref name="At"/> (<paramref name="Failed"/> when no try is left).</summary>
public readonly record struct SendFate(SendFateKind Kind, DateTimeOffset At, bool Failed, string Error);
