using System.Threading.Channels;

namespace PractitionerBot.Announcements;

/// <summary>
/// Wakes the outbox dispatcher when there is something to send (a publish, an edit, a cancel, a reminder), so it need
/// not poll; a one-slot channel keeps any number of signals between two waits as one.
/// </summary>
public sealed class OutboxSignal(TimeProvider time)
{
    private readonly Channel<bool> _work = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Signal() => _work.Writer.TryWrite(true);

    /// <summary>Waits until there is something to send, or the timeout passes (on this signal's clock).</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = time.CreateTimer(_ => wait.Cancel(), null, timeout, Timeout.InfiniteTimeSpan);
        try
        {
            await _work.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the timeout: look again anyway
        }
        cancellationToken.ThrowIfCancellationRequested();
    }
}
