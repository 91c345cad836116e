using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PractitionerBot.Announcements;

/// <summary>
/// Sends what the outbox holds through the throttled sender: new cards, reminders and in-place
/// updates. 403 and 404 mean the recipient is gone (never retried); 429 pauses everyone; 412, 5xx
/// and timeouts retry with jittered backoff until <see cref="AnnouncementOptions.MaxAttempts"/>.
/// </summary>
public sealed partial class OutboxDispatcher(
    DeliveryStore deliveries,
    AnnouncementScheduler scheduler,
    OutboxSignal signal,
    AnnouncementDelivery delivery,
    AnnouncementOptions options,
    TimeProvider time,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private DateTimeOffset _nextHousekeeping = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A stream, not batches: a slot freed by one send is refilled at once, so one slow recipient never holds up the rest.
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (time.GetUtcNow() >= _nextHousekeeping)
                {
                    await scheduler.HousekeepAsync(stoppingToken);
                    _nextHousekeeping = time.GetUtcNow() + Idle;
                }
                running.RemoveAll(t => t.IsCompleted);
                var free = options.Concurrency - running.Count;
                var claimed = free > 0 ? await deliveries.ClaimAsync(free, TimeSpan.FromSeconds(options.LeaseSeconds), stoppingToken) : [];
                foreach (var claim in claimed) running.Add(delivery.DeliverAsync(claim, stoppingToken));
                if (running.Count == 0) await signal.WaitAsync(Idle, stoppingToken);
                else if (running.Count >= options.Concurrency || claimed.Count < free)
                    await Task.WhenAny(Task.WhenAny(running), signal.WaitAsync(Poll, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (Storage.Database.IsUnavailable(ex))
            {
                // The database is busy or the disk is full: nothing is lost (rows stay leased or pending); try again shortly.
                LogStorageProblem(log, ex.GetType().Name);
                await Task.Delay(Idle, time, stoppingToken);
            }
        }
        await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Outbox paused by a storage problem: {ErrorType}")]
    private static partial void LogStorageProblem(ILogger logger, string errorType);
}
