using Microsoft.Extensions.Logging;
using PractitionerBot.Members;

namespace PractitionerBot.Announcements;

/// <summary>
/// One outbox row sent through the throttled sender, and its outcome written: delivered, updated, gone (403, 404: never
/// retried), poison (400, 401, 413), throttled (429: after the pause), or retried with jittered backoff.
/// </summary>
public sealed partial class AnnouncementDelivery(DeliveryStore deliveries, AnnouncementStore announcements, AnnouncementCards cards, ThrottledSender sender,
    ConversationRegistry registry, TimeProvider time, ILogger<AnnouncementDelivery> log)
{
    public async Task DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
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
        var card = await cards.ForRecipientAsync(announcement, delivery, cancellationToken);

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
        var fate = await sender.FateAsync(result, delivery.Attempts, cancellationToken);
        if (fate.Kind == SendFateKind.Gone)
        {
            await deliveries.GoneAsync(delivery.Id, fate.Error, cancellationToken);
            await registry.ForgetConversationAsync(delivery.ConversationId, cancellationToken);
            return;
        }
        await deliveries.RetryAsync(delivery.Id, fate.At, fate.Error, fate.Failed, cancellationToken);
        if (fate.Kind == SendFateKind.Poison) LogPoison(log, delivery.Id, result.Status ?? 0);
    }

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Delivery postponed by a storage problem: {ErrorType}")]
    private static partial void LogStorageProblem(ILogger logger, string errorType);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} refused with HTTP {Status}: not retried")]
    private static partial void LogPoison(ILogger logger, long deliveryId, int status);
}
