using PractitionerBot.Cards;
using PractitionerBot.Conversations;

namespace PractitionerBot.Announcements;

/// <summary>An announcement card as one recipient sees it: in their time zone, with the current interest count.</summary>
public sealed record AnnouncementReply(
    Announcement Announcement,
    int Interested,
    TimeZoneInfo ViewerZone,
    Uri CalendarUrl,
    DateTimeOffset Now,
    string? Notice = null) : Reply
{
    public override AdaptiveCard ToCard() => AnnouncementCardLayout.Render(this);

    public override string ToMarkdown() =>
        $"**{Announcement.Title}**" + (Announcement.Url is { } u ? $"\n\n[{T["announcementDetails"]}]({u})" : "");
}

/// <summary>Where a member probably is, from their profile's country: for showing times in their zone.</summary>
public static class CountryTimeZones
{
    private static readonly Dictionary<string, string> Zones = new()
    {
        ["at"] = "Europe/Vienna", ["be"] = "Europe/Brussels", ["bg"] = "Europe/Sofia", ["hr"] = "Europe/Zagreb", ["cy"] = "Asia/Nicosia",
        ["cz"] = "Europe/Prague", ["dk"] = "Europe/Copenhagen", ["ee"] = "Europe/Tallinn", ["fi"] = "Europe/Helsinki", ["fr"] = "Europe/Paris",
        ["de"] = "Europe/Berlin", ["gr"] = "Europe/Athens", ["hu"] = "Europe/Budapest", ["ie"] = "Europe/Dublin", ["it"] = "Europe/Rome",
        ["lv"] = "Europe/Riga", ["lt"] = "Europe/Vilnius", ["lu"] = "Europe/Luxembourg", ["mt"] = "Europe/Malta", ["nl"] = "Europe/Amsterdam",
        ["pl"] = "Europe/Warsaw", ["pt"] = "Europe/Lisbon", ["ro"] = "Europe/Bucharest", ["sk"] = "Europe/Bratislava", ["si"] = "Europe/Ljubljana",
        ["es"] = "Europe/Madrid", ["se"] = "Europe/Stockholm",
    };

    public static TimeZoneInfo? For(string? country) =>
        country is not null && Zones.TryGetValue(country, out var id) ? TimeZoneInfo.FindSystemTimeZoneById(id) : null;
}
