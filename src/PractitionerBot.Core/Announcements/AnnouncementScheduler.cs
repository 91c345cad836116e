using Microsoft.Extensions.Logging;
using PractitionerBot.Members;
using PractitionerBot.PeerExchange;

namespace PractitionerBot.Announcements;

/// <summary>Starts sending (the outbox rows first), scheduled sends whose time has come, reminders before deadlines, and sends that finished.</summary>
public sealed partial class AnnouncementScheduler(AnnouncementStore store, DeliveryStore deliveries, ChannelLinkStore links, ConversationRegistry registry,
    OutboxSignal signal, AnnouncementOptions options, TimeProvider time, ILogger<AnnouncementScheduler> log)
{
    /// <summary>
    /// Writes one outbox row per recipient (before anything is sent), then marks the announcement as sending and wakes the
    /// dispatcher. Rows first: an announcement marked sending always has its rows, so no instance (nor a restart) can see
    /// it sending with an empty outbox and call it sent. Rows are unique per recipient, so two instances starting the
    /// same announcement write them once, and only one of them changes the status.
    /// </summary>
    public async Task<Announcement?> StartSendingAsync(Announcement a, CancellationToken cancellationToken)
    {
        var sending = a with { Status = AnnouncementStatus.Sending };
        var recipients = new List<(string, string, string?)>();
        if (a.Audience.Channels)
            foreach (var link in await links.AllAsync(cancellationToken))
                if (a.WorkingGroups.Contains(link.GroupId)) recipients.Add((link.ConversationId, link.ConversationReference, null));
        if (a.Audience.Followers)
            recipients.AddRange((await registry.FollowersOfAsync(a.WorkingGroups, cancellationToken)).Select(f => (f.ConversationId, f.Reference, (string?)f.UserKey)));
        var added = await deliveries.EnqueueAsync(a.Id, "announce", recipients.DistinctBy(r => r.Item1), cancellationToken);
        if (!await store.ReplaceAsync(sending, a.Status, cancellationToken)) return null;
        LogPublished(log, a.Id, added);
        signal.Signal();
        return sending;
    }

    /// <summary>Scheduled sends whose time has come, reminders before deadlines, and sends that have finished.</summary>
    public async Task HousekeepAsync(CancellationToken cancellationToken)
    {
        foreach (var due in await store.DueAsync(cancellationToken)) await StartSendingAsync(due, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var a in await store.WithDeadlineAheadAsync(cancellationToken))
        {
            if (!a.Audience.Followers || a.DeadlineInstant is not { } deadline) continue;
            foreach (var days in options.ReminderDaysBefore.Where(d => now >= deadline.AddDays(-d) && now < deadline.AddDays(-d).AddHours(12)))
            {
                var followers = await registry.FollowersOfAsync(a.WorkingGroups, cancellationToken);
                if (await deliveries.EnqueueAsync(a.Id, $"reminder-{days}", followers.Select(f => (f.ConversationId, f.Reference, (string?)f.UserKey)), cancellationToken) > 0)
                    signal.Signal();
            }
        }
        foreach (var a in await store.SendingAsync(cancellationToken))
            if (!await deliveries.AnyOutstandingAsync(a.Id, cancellationToken))
                await store.ReplaceAsync(a with { Status = AnnouncementStatus.Sent }, AnnouncementStatus.Sending, cancellationToken);
    }

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Announcement {Id} published to {Recipients} conversations")]
    private static partial void LogPublished(ILogger logger, string id, int recipients);
}
