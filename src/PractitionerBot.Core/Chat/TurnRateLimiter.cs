using System.Collections.Concurrent;
using PractitionerBot.Conversations;

namespace PractitionerBot.Chat;

/// <summary>
/// At most <see cref="ChatOptions.TurnsPerMinute"/> turns per member in any minute, whatever the member does:
/// messages, card submits and card invokes (answers to peers, "Interested") count alike. The first turn over
/// the limit gets one polite reply; the rest are dropped quietly until the window has room again.
/// </summary>
public sealed class TurnRateLimiter(ChatOptions options, TimeProvider time)
{
    public enum Verdict { Allowed, WarnOnce, Drop }

    private readonly SlidingWindowCounter _turns = new(TimeSpan.FromMinutes(1), time);
    private readonly ConcurrentDictionary<string, byte> _warned = new();

    public Verdict Check(string userKey)
    {
        if (_turns.TryAdd(userKey, options.TurnsPerMinute))
        {
            _warned.TryRemove(userKey, out _);
            return Verdict.Allowed;
        }
        if (_warned.Count > 50_000) _warned.Clear();
        return _warned.TryAdd(userKey, 0) ? Verdict.WarnOnce : Verdict.Drop;
    }
}
