namespace PractitionerBot.Announcements;

/// <summary>
/// The loop both outboxes (announcements, welcomes) run: claim as many leased rows as there are free slots, send each as
/// soon as a slot frees (a stream, not batches, so one slow recipient never holds up the rest), sleep on the signal when
/// idle, and ride out a busy database (nothing is lost: rows stay pending or leased). On stop it waits for the sends it
/// started, so their outcomes are recorded.
/// </summary>
public static class OutboxLoop
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static async Task RunAsync<T>(Func<int, CancellationToken, Task<List<T>>> claim, Func<T, CancellationToken, Task> send, OutboxSignal signal,
        int concurrency, TimeProvider time, Action<Exception> storageProblem, CancellationToken stoppingToken, Func<CancellationToken, Task>? eachRound = null)
    {
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (eachRound is not null) await eachRound(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                var free = concurrency - running.Count;
                var claimed = free > 0 ? await claim(free, stoppingToken) : [];
                foreach (var row in claimed) running.Add(send(row, stoppingToken));
                if (running.Count == 0) await signal.WaitAsync(Idle, stoppingToken);
                else if (running.Count >= concurrency || claimed.Count < free)
                    await Task.WhenAny(Task.WhenAny(running), signal.WaitAsync(Poll, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (Storage.Database.IsUnavailable(ex))
            {
                storageProblem(ex);
                await Task.Delay(Idle, time, stoppingToken);
            }
        }
        await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }
}
