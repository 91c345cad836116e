namespace PractitionerBot.Conversations;

/// <summary>
/// Counts events per key over a sliding window, in this instance's memory, on <see cref="TimeProvider"/>.
/// Keys whose window is empty are dropped once many keys are held, so a stream of new keys cannot grow it without bound.
/// </summary>
public sealed class SlidingWindowCounter(TimeSpan window, TimeProvider time)
{
    private const int ForgetAbove = 50_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _keys = [];

    /// <summary>Counts one event for <paramref name="key"/> and returns true when it had fewer than <paramref name="limit"/> in the window; else false, uncounted.</summary>
    public bool TryAdd(string key, int limit)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var events)) _keys[key] = events = new Queue<DateTimeOffset>();
            while (events.Count > 0 && events.Peek() <= now - window) events.Dequeue();
            var allowed = events.Count < limit;
            if (allowed) events.Enqueue(now);
            if (_keys.Count > ForgetAbove) Forget(now);
            return allowed;
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var key in _keys.Where(k => k.Value.Count == 0 || k.Value.Last() <= now - window).Select(k => k.Key).ToList())
            _keys.Remove(key);
    }
}
