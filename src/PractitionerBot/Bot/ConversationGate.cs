namespace PractitionerBot.Bot;

/// <summary>
/// One turn at a time reads and writes a conversation's state on this instance: a member who sends two messages in a
/// second (or clicks while the bot is still answering) gets both taken, in order, instead of one overwriting the other.
/// Only the state work is inside; replies are sent after the gate is left, so a slow connector never holds it.
/// </summary>
internal sealed class ConversationGate
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Waits until no other turn of <paramref name="conversationKey"/> is inside; dispose the result to leave.</summary>
    public async Task<IDisposable> EnterAsync(string conversationKey, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(conversationKey, out entry!)) _entries[conversationKey] = entry = new Entry();
            entry.Users++;
        }
        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(conversationKey, entry, entered: false);
            throw;
        }
        return new Lease(this, conversationKey, entry);
    }

    /// <summary>Conversations with a turn inside or waiting (entries are dropped when the last one leaves).</summary>
    public int Count
    {
        get
        {
            lock (_entries) return _entries.Count;
        }
    }

    private void Release(string key, Entry entry, bool entered)
    {
        if (entered) entry.Semaphore.Release();
        lock (_entries)
        {
            if (--entry.Users == 0) _entries.Remove(key);
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Lease(ConversationGate gate, string key, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) gate.Release(key, entry, entered: true);
        }
    }
}
