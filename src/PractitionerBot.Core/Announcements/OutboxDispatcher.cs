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
    private static readonly TimeSpan HousekeepingEvery = TimeSpan.FromSeconds(5);
    private DateTimeOffset _nextHousekeeping = DateTimeOffset.MinValue;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        OutboxLoop.RunAsync((free, ct) => deliveries.ClaimAsync(free, TimeSpan.FromSeconds(options.LeaseSeconds), ct), delivery.DeliverAsync, signal,
            options.Concurrency, time, ex => LogStorageProblem(log, ex.GetType().Name), stoppingToken, HousekeepAsync);

    /// <summary>Scheduled sends, reminders and finished sends, every few seconds between claims.</summary>
    private async Task HousekeepAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() < _nextHousekeeping) return;
        await scheduler.HousekeepAsync(cancellationToken);
        _nextHousekeeping = time.GetUtcNow() + HousekeepingEvery;
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Outbox paused by a storage problem: {ErrorType}")]
    private static partial void LogStorageProblem(ILogger logger, string errorType);
}
