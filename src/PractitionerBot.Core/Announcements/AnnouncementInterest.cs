using System.Text.Json.Nodes;
using PractitionerBot.Conversations;
using PractitionerBot.Localization;
using PractitionerBot.Members;

namespace PractitionerBot.Announcements;

/// <summary>"Interested" on a card: counts the member once and returns the refreshed card.</summary>
public sealed class AnnouncementInterest(AnnouncementService announcements, AnnouncementStore store, ProfileStore profiles, AnnouncementCards cards, BotTexts texts)
{
    public async Task<InvokeReply> InterestedAsync(IncomingMessage message, JsonObject? data, CancellationToken cancellationToken)
    {
        var id = data.String("announcementId");
        var key = UserKey.For(message.ChannelId, message.UserId);
        var profile = await profiles.GetAsync(key, cancellationToken);
        var clicker = BotTexts.Resolve(profile?.Language, message.Locale);
        if (id is null || await announcements.PublishedAsync(id, cancellationToken) is not { } a) return InvokeReply.Text(texts.Get("announcementGone", clicker));
        var count = a.Status == AnnouncementStatus.Cancelled ? await store.InterestedAsync(id, cancellationToken) : await store.MarkInterestedAsync(id, key, cancellationToken);
        // The returned card replaces the message for everyone in a channel: no personal wording, just the count, in the channel's language.
        return message.ConversationType == "personal"
            ? new InvokeReply(cards.Card(a, count, CountryTimeZones.For(profile?.Country), language: clicker), null)
            : new InvokeReply(cards.Card(a, count, language: BotTexts.ChannelLanguage), null);
    }
}
