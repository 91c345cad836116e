namespace PractitionerBot.Tests.Infrastructure;

/// <summary>
/// What a fake service received, in order, with a signal on every addition: tests wait for what they
/// expect (bounded in time) instead of sleeping.
/// </summary>
public sealed class SignalledLog<T>
{
    /// <summary>Generous: CI runs the whole suite on 2 cores, with a Playground and several bots at once.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly List<T> _items = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(T item)
    {
        TaskCompletionSource changed;
        lock (_items)
        {
            _items.Add(item);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_items) return _items.ToList();
    }

    /// <summary>Waits until <paramref name="find"/> returns something from the items so far.</summary>
    public async Task<TResult> WaitForAsync<TResult>(Func<IReadOnlyList<T>, TResult?> find, TimeSpan? timeout = null) where TResult : class
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            Task changed;
            lock (_items)
            {
                if (find(_items) is { } found) return found;
                changed = _changed.Task;
            }
            await changed.WaitAsync(cts.Token);
        }
    }
}
