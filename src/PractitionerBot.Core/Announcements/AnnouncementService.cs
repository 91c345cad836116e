using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Cards;
using PractitionerBot.Chat;
using PractitionerBot.Localization;
using PractitionerBot.Members;
using PractitionerBot.PeerExchange;

namespace PractitionerBot.Announcements;

public enum AnnouncementOutcome { Ok, NotFound, Invalid, Conflict }

public sealed record AnnouncementResult(AnnouncementOutcome Outcome, Announcement? Announcement = null, IDictionary<string, string[]>? Errors = null, string? Problem = null);

/// <summary>Creating, editing, publishing and cancelling announcements; delivery itself is the dispatcher's.</summary>
public sealed partial class AnnouncementService(
    AnnouncementStore store,
    DeliveryStore deliveries,
    AnnouncementValidator validator,
    ChannelLinkStore links,
    ConversationRegistry registry,
    ProfileStore profiles,
    BotTexts texts,
    AnnouncementOptions options,
    TimeProvider time,
    ILogger<AnnouncementService> log)
{
    private TaskCompletionSource _work = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits until there is something to send, or the timeout passes (on this service's clock).</summary>
    public async Task WorkAvailableAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var work = Volatile.Read(ref _work);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(work.Task, Task.Delay(timeout, time, stop.Token));
        stop.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        if (work.Task.IsCompleted) Interlocked.CompareExchange(ref _work, new(TaskCreationOptions.RunContinuationsAsynchronously), work);
    }

    public void Signal() => Volatile.Read(ref _work).TrySetResult();

    public async Task<AnnouncementResult> CreateAsync(AnnouncementRequest request, CancellationToken cancellationToken)
    {
        var (announcement, errors) = validator.Validate(request, Guid.NewGuid().ToString("N")[..12]);
        if (announcement is null) return new AnnouncementResult(AnnouncementOutcome.Invalid, Errors: errors);
        if (TooLarge(announcement) is { } size) return new AnnouncementResult(AnnouncementOutcome.Invalid, Errors: size);
        await store.InsertAsync(announcement, cancellationToken);
        LogCreated(log, announcement.Id, announcement.Kind);
        return new AnnouncementResult(AnnouncementOutcome.Ok, announcement);
    }

    public async Task<AnnouncementResult> UpdateAsync(string id, AnnouncementRequest request, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } current) return new AnnouncementResult(AnnouncementOutcome.NotFound);
        if (current.Status == AnnouncementStatus.Cancelled) return new AnnouncementResult(AnnouncementOutcome.Conflict, Problem: "a cancelled announcement cannot be edited");
        var (updated, errors) = validator.Validate(request, id, current.Version + 1);
        if (updated is null) return new AnnouncementResult(AnnouncementOutcome.Invalid, Errors: errors);
        if (TooLarge(updated) is { } size) return new AnnouncementResult(AnnouncementOutcome.Invalid, Errors: size);
        updated = updated with { Status = current.Status == AnnouncementStatus.Scheduled ? AnnouncementStatus.Scheduled : current.Status };
        if (!await store.ReplaceAsync(updated, current.Status, cancellationToken))
            return new AnnouncementResult(AnnouncementOutcome.Conflict, Problem: "the announcement changed meanwhile; read it again");
        if (current.Status is AnnouncementStatus.Sending or AnnouncementStatus.Sent)
        {
            await deliveries.MarkForUpdateAsync(id, cancellationToken); // every delivered card is updated in place
            Signal();
        }
        return new AnnouncementResult(AnnouncementOutcome.Ok, updated);
    }

    public async Task<AnnouncementResult> PublishAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } a) return new AnnouncementResult(AnnouncementOutcome.NotFound);
        switch (a.Status)
        {
            case AnnouncementStatus.Cancelled:
                return new AnnouncementResult(AnnouncementOutcome.Conflict, a, Problem: "a cancelled announcement cannot be published");
            case AnnouncementStatus.Sending or AnnouncementStatus.Sent:
                return new AnnouncementResult(AnnouncementOutcome.Ok, a); // publishing twice sends nothing twice
            case AnnouncementStatus.Draft when a.PublishAt is { } at && at > time.GetUtcNow():
                var scheduled = a with { Status = AnnouncementStatus.Scheduled };
                await store.ReplaceAsync(scheduled, AnnouncementStatus.Draft, cancellationToken);
                return new AnnouncementResult(AnnouncementOutcome.Ok, scheduled);
        }
        return new AnnouncementResult(AnnouncementOutcome.Ok, await StartSendingAsync(a, cancellationToken) ?? await store.GetAsync(id, cancellationToken));
    }

    public async Task<AnnouncementResult> CancelAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } a) return new AnnouncementResult(AnnouncementOutcome.NotFound);
        if (a.Status == AnnouncementStatus.Cancelled) return new AnnouncementResult(AnnouncementOutcome.Ok, a);
        var cancelled = a with { Status = AnnouncementStatus.Cancelled };
        if (!await store.ReplaceAsync(cancelled, a.Status, cancellationToken))
            return new AnnouncementResult(AnnouncementOutcome.Conflict, Problem: "the announcement changed meanwhile; try again");
        await deliveries.CancelAsync(id, cancellationToken);
        Signal();
        LogCancelled(log, id);
        return new AnnouncementResult(AnnouncementOutcome.Ok, cancelled);
    }

    public Task<Announcement?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    /// <summary>
    /// The announcement if members may see it: published (sending or sent), or cancelled after its cards reached someone.
    /// Drafts and scheduled ones are the coordinators' until they go out.
    /// </summary>
    public async Task<Announcement?> PublishedAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) switch
        {
            { Status: AnnouncementStatus.Sending or AnnouncementStatus.Sent } a => a,
            { Status: AnnouncementStatus.Cancelled } a when (await deliveries.CountsAsync(id, cancellationToken)).Delivered > 0 => a,
            _ => null,
        };

    public Task<List<Announcement>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public Task<DeliveryCounts> CountsAsync(string id, CancellationToken cancellationToken, bool reminders = false) =>
        deliveries.CountsAsync(id, cancellationToken, reminders);

    /// <summary>"Interested" on a card: counts the member once and returns the refreshed card.</summary>
    public async Task<InvokeReply> InterestedAsync(IncomingMessage message, JsonObject? data, CancellationToken cancellationToken)
    {
        var id = data.String("announcementId");
        var key = UserKey.For(message.ChannelId, message.UserId);
        var profile = await profiles.GetAsync(key, cancellationToken);
        var clicker = BotTexts.Resolve(profile?.Language, message.Locale);
        if (id is null || await PublishedAsync(id, cancellationToken) is not { } a) return InvokeReply.Text(texts.Get("announcementGone", clicker));
        var count = a.Status == AnnouncementStatus.Cancelled ? await store.InterestedAsync(id, cancellationToken) : await store.MarkInterestedAsync(id, key, cancellationToken);
        // The returned card replaces the message for everyone in a channel: no personal wording, just the count, in the channel's language.
        return message.ConversationType == "personal"
            ? new InvokeReply(Card(a, count, CountryTimeZones.For(profile?.Country), language: clicker), null)
            : new InvokeReply(Card(a, count, language: BotTexts.ChannelLanguage), null);
    }

    /// <summary>The card as one recipient sees it: times in their zone, labels and dates in their language.</summary>
    public AnnouncementReply Card(Announcement a, int interested, TimeZoneInfo? viewer = null, string? notice = null, string language = BotTexts.ChannelLanguage) =>
        new(a, interested, viewer ?? a.Zone, new Uri(new Uri(options.PublicBaseUrl.TrimEnd('/') + "/"), $"api/announcements/{a.Id}/event.ics"),
            time.GetUtcNow(), notice) { Texts = texts.In(language) };

    /// <summary>"Reminder: the call closes in 7 day(s).", in the follower's language.</summary>
    public string ReminderNotice(Announcement a, string days, string language) =>
        texts.Get(a.Kind == "call" ? "announcementReminderCall" : "announcementReminderEvent", language, ("days", days));

    /// <summary>
    /// Writes one outbox row per recipient (before anything is sent), then marks the announcement as sending and wakes the
    /// dispatcher. Rows first: an announcement marked sending always has its rows, so no instance (nor a restart) can see
    /// it sending with an empty outbox and call it sent. Rows are unique per recipient, so two instances starting the
    /// same announcement write them once, and only one of them changes the status.
    /// </summary>
    internal async Task<Announcement?> StartSendingAsync(Announcement a, CancellationToken cancellationToken)
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
        Signal();
        return sending;
    }

    /// <summary>Scheduled sends whose time has come, reminders before deadlines, and sends that have finished.</summary>
    internal async Task HousekeepAsync(CancellationToken cancellationToken)
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
                    Signal();
            }
        }
        foreach (var a in await store.SendingAsync(cancellationToken))
            if (!await deliveries.AnyOutstandingAsync(a.Id, cancellationToken))
                await store.ReplaceAsync(a with { Status = AnnouncementStatus.Sent }, AnnouncementStatus.Sending, cancellationToken);
    }

    private Dictionary<string, string[]>? TooLarge(Announcement a)
    {
        // Labels are longer in some languages than in others: the largest card must fit.
        var bytes = BotTexts.Languages.Max(l => System.Text.Encoding.UTF8.GetByteCount(AdaptiveCardRenderer.Render(Card(a, 0, language: l))!.ToJsonString()));
        return bytes <= AdaptiveCard.MaxBytes ? null
            : new() { ["description"] = [$"the card would be {bytes / 1024.0:F1} KB; Teams accepts at most {AdaptiveCard.MaxBytes / 1024} KB: shorten the text"] };
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Announcement {Id} created ({Kind})")]
    private static partial void LogCreated(ILogger logger, string id, string kind);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Announcement {Id} published to {Recipients} conversations")]
    private static partial void LogPublished(ILogger logger, string id, int recipients);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Announcement {Id} cancelled")]
    private static partial void LogCancelled(ILogger logger, string id);
}
