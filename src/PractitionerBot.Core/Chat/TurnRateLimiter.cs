namespace PractitionerBot.Chat;

/// <summary>
/// At most <see cref="ChatOptions.TurnsPerMinute"/> turns per member in any minute. The first turn over
/// the limit gets one polite reply; the rest are dropped quietly until the window has room again.
/// </summary>
public sealed class TurnRateLimiter(ChatOptions options, TimeProvider time)
{
    public enum Verdict { Allowed, WarnOnce, Drop }

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Queue<DateTimeOffset> Turns, bool Warned)> _members = [];

    public Verdict Check(string userKey)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_members.TryGetValue(userKey, out var member)) member = (new Queue<DateTimeOffset>(), false);
            while (member.Turns.Count > 0 && member.Turns.Peek() <= now.AddMinutes(-1)) member.Turns.Dequeue();
            Verdict verdict;
            if (member.Turns.Count < options.TurnsPerMinute)
            {
                member.Turns.Enqueue(now);
                member = (member.Turns, false);
                verdict = Verdict.Allowed;
            }
            else
            {
                verdict = member.Warned ? Verdict.Drop : Verdict.WarnOnce;
                member = (member.Turns, true);
            }
            _members[userKey] = member;
            if (_members.Count > 50_000) Forget(now);
            return verdict;
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var key in _members.Where(m => m.Value.Turns.Count == 0 || m.Value.Turns.Last() <= now.AddMinutes(-1)).Select(m => m.Key).ToList())
            _members.Remove(key);
    }
}
