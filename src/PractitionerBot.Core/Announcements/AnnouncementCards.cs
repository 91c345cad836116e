using PractitionerBot.Cards;
using PractitionerBot.Localization;

namespace PractitionerBot.Announcements;

/// <summary>The announcement card as each recipient sees it, the reminder notice, and whether the card fits Teams' size limit.</summary>
public sealed class AnnouncementCards(BotTexts texts, AnnouncementStore store, Members.ProfileStore profiles, AnnouncementOptions options, TimeProvider time)
{
    /// <summary>The card as one recipient sees it: times in their zone, labels and dates in their language.</summary>
    public AnnouncementReply Card(Announcement a, int interested, TimeZoneInfo? viewer = null, string? notice = null, string language = BotTexts.ChannelLanguage) =>
        new(a, interested, viewer ?? a.Zone, new Uri(new Uri(options.PublicBaseUrl.TrimEnd('/') + "/"), $"api/announcements/{a.Id}/event.ics"),
            time.GetUtcNow(), notice) { Texts = texts.In(language) };

    /// <summary>The card an outbox row sends: a follower reads it in their own zone and language, a channel in the announcement's zone, in English.</summary>
    public async Task<AnnouncementReply> ForRecipientAsync(Announcement a, Delivery delivery, CancellationToken cancellationToken)
    {
        var interested = await store.InterestedAsync(a.Id, cancellationToken);
        var profile = delivery.UserKey is { } key ? await profiles.GetAsync(key, cancellationToken) : null;
        var language = delivery.UserKey is null ? BotTexts.ChannelLanguage : BotTexts.Resolve(profile?.Language, null);
        var notice = delivery.Kind.StartsWith("reminder-", StringComparison.Ordinal) ? ReminderNotice(a, delivery.Kind["reminder-".Length..], language) : null;
        return Card(a, interested, CountryTimeZones.For(profile?.Country), notice, language);
    }

    /// <summary>"Reminder: the call closes in 7 day(s).", in the follower's language.</summary>
    public string ReminderNotice(Announcement a, string days, string language) =>
        texts.Get(a.Kind == "call" ? "announcementReminderCall" : "announcementReminderEvent", language, ("days", days));

    /// <summary>Labels are longer in some languages than in others: the largest card must fit.</summary>
    public Dictionary<string, string[]>? TooLarge(Announcement a)
    {
        var bytes = BotTexts.Languages.Max(l => AdaptiveCard.Bytes(Card(a, 0, language: l).ToCard().ToJsonString()));
        return bytes <= AdaptiveCard.MaxBytes ? null
            : new() { ["description"] = [$"the card would be {bytes / 1024.0:F1} KB; Teams accepts at most {AdaptiveCard.MaxBytes / 1024} KB: shorten the text"] };
    }
}
