using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PractitionerBot.Localization;
using PractitionerBot.Members;

namespace PractitionerBot.Announcements;

/// <summary>
/// Sends what the outbox holds through the throttled sender: new cards, reminders and in-place
/// updates. 403 and 404 mean the recipient is gone (never retried); 429 pauses everyone; 412, 5xx
/// and timeouts retry with jittered backoff until <see cref="AnnouncementOptions.MaxAttempts"/>.
/// </summary>
public sealed partial class OutboxDispatcher(
    DeliveryStore deliveries,
    AnnouncementStore announcements,
    AnnouncementService service,
    ThrottledSender sender,
    ConversationRegistry registry,
    ProfileStore profiles,
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
                    await service.HousekeepAsync(stoppingToken);
                    _nextHousekeeping = time.GetUtcNow() + Idle;
                }
                running.RemoveAll(t => t.IsCompleted);
                var free = options.Concurrency - running.Count;
                var claimed = free > 0 ? await deliveries.ClaimAsync(free, TimeSpan.FromSeconds(options.LeaseSeconds), stoppingToken) : [];
                foreach (var delivery in claimed) running.Add(DeliverAsync(delivery, stoppingToken));
                if (running.Count == 0) await service.WorkAvailableAsync(Idle, stoppingToken);
                else if (running.Count >= options.Concurrency || claimed.Count < free)
                    await Task.WhenAny(Task.WhenAny(running), service.WorkAvailableAsync(Poll, stoppingToken));
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

    private async Task DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverAsync(delivery, await announcements.GetAsync(delivery.AnnouncementId, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (Storage.Database.IsUnavailable(ex))
        {
            LogStorageProblem(log, ex.GetType().Name); // the row's lease runs out and it is tried again
        }
    }

    private async Task DeliverAsync(Delivery delivery, Announcement? announcement, CancellationToken cancellationToken)
    {
        if (announcement is null)
        {
            await deliveries.GoneAsync(delivery.Id, "announcement deleted", cancellationToken);
            return;
        }
        var interested = await announcements.InterestedAsync(announcement.Id, cancellationToken);
        // A follower reads the card in their own zone and language; a channel (no member) in the announcement's zone, in English.
        var profile = delivery.UserKey is { } key ? await profiles.GetAsync(key, cancellationToken) : null;
        var language = delivery.UserKey is null ? BotTexts.ChannelLanguage : BotTexts.Resolve(profile?.Language, null);
        var notice = delivery.Kind.StartsWith("reminder-", StringComparison.Ordinal)
            ? service.ReminderNotice(announcement, delivery.Kind["reminder-".Length..], language) : null;
        var card = service.Card(announcement, interested, CountryTimeZones.For(profile?.Country), notice, language);

        var update = delivery.Status == DeliveryStatus.Delivered && delivery.NeedsUpdate && delivery.ActivityId is not null;
        if (!update && announcement.Status == AnnouncementStatus.Cancelled)
        {
            await deliveries.GoneAsync(delivery.Id, "cancelled before sending", cancellationToken);
            return;
        }
        var result = update
            ? await sender.UpdateAsync(delivery.ConversationId, delivery.ConversationReference, delivery.ActivityId!, card, cancellationToken)
            : await sender.SendAsync(delivery.ConversationId, delivery.ConversationReference, card, cancellationToken);
        // Sent or refused, the outcome is written even while stopping: a send whose outcome is lost is sent again.
        cancellationToken = CancellationToken.None;

        if (result.Sent)
        {
            if (update) await deliveries.UpdatedAsync(delivery.Id, cancellationToken);
            else await deliveries.DeliveredAsync(delivery.Id, result.ActivityId, cancellationToken);
            return;
        }
        if (update && result.Status is not (403 or 404))
        {
            var wait = result.Status == 429 ? await sender.ThrottledUntilAsync(cancellationToken) : time.GetUtcNow() + TimeSpan.FromSeconds(5 + Random.Shared.Next(10));
            await deliveries.PostponeUpdateAsync(delivery.Id, wait, result.Error ?? "update failed", cancellationToken);
            return;
        }
        switch (result.Status)
        {
            case 403 or 404:
                await deliveries.GoneAsync(delivery.Id, result.Error ?? "gone", cancellationToken);
                await registry.ForgetConversationAsync(delivery.ConversationId, cancellationToken);
                break;
            case 400 or 401 or 413:
                // Poison: sending it again cannot succeed.
                await deliveries.RetryAsync(delivery.Id, time.GetUtcNow(), result.Error ?? "refused", failed: true, cancellationToken);
                LogPoison(log, delivery.Id, result.Status ?? 0);
                break;
            case 429:
                await deliveries.RetryAsync(delivery.Id, await sender.ThrottledUntilAsync(cancellationToken), "throttled", failed: false, cancellationToken);
                break;
            default:
                var attempts = delivery.Attempts + 1;
                var backoff = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempts)) * (0.5 + Random.Shared.NextDouble()));
                await deliveries.RetryAsync(delivery.Id, time.GetUtcNow() + backoff, result.Error ?? "transient", attempts >= options.MaxAttempts, cancellationToken);
                break;
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Outbox paused by a storage problem: {ErrorType}")]
    private static partial void LogStorageProblem(ILogger logger, string errorType);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} refused with HTTP {Status}: not retried")]
    private static partial void LogPoison(ILogger logger, long deliveryId, int status);
}
