using System.Text.Json.Nodes;
using PractitionerBot.Cards;
using PractitionerBot.Localization;

namespace PractitionerBot.Announcements;

/// <summary>Event and call cards. Cancelled or edited announcements re-render and replace the delivered cards.</summary>
internal static class AnnouncementCardLayout
{
    public static AdaptiveCard Render(AnnouncementReply reply)
    {
        var t = reply.T;
        var a = reply.Announcement;
        var cancelled = a.Status == AnnouncementStatus.Cancelled;
        var body = new List<CardElement>
        {
            new TextBlock(Label(a, t)) { Size = TextSize.Small, IsSubtle = true, Wrap = false },
            new TextBlock(cancelled ? t.Get("announcementCancelledTitle", ("title", a.Title)) : a.Title) { Size = TextSize.Large, Weight = TextWeight.Bolder, Heading = true, Spacing = Spacing.None,
                Color = cancelled ? TextColor.Attention : TextColor.Default },
        };
        if (reply.Notice is not null) body.Add(new TextBlock(reply.Notice) { Color = TextColor.Accent, Weight = TextWeight.Bolder });
        if (cancelled) body.Add(new TextBlock(t["announcementCancelledNote"]) { Color = TextColor.Attention });
        var facts = a.Kind == "event" ? EventFacts(reply, t) : CallFacts(reply, t);
        body.Add(new FactSet(facts));
        if (a.Description is not null) body.Add(new TextBlock(a.Description) { Spacing = Spacing.Medium });

        var actions = new List<CardAction>();
        if (!cancelled)
        {
            if (a.Url is not null && Uri.TryCreate(a.Url, UriKind.Absolute, out var url))
                actions.Add(new OpenUrlAction(t[a.Kind == "event" ? "announcementRegister" : "announcementReadCall"], url));
            if (a.Kind == "event") actions.Add(new OpenUrlAction(t["announcementAddToCalendar"], reply.CalendarUrl));
            actions.Add(new ExecuteAction(reply.Interested == 0 ? t["announcementInterested"] : t.Get("announcementInterestedCount", ("count", Count(reply.Interested))),
                "interested", new JsonObject { ["announcementId"] = a.Id }));
        }
        return new AdaptiveCard { Body = body, Actions = actions, FallbackText = $"{Label(a, t)}: {a.Title}" };
    }

    private static string Label(Announcement a, LocalTexts t) => a.Kind == "call"
        ? t["announcementFundingCall"]
        : EventType(a.EventType ?? "event", t) + " · " + string.Join(", ", a.WorkingGroups);

    /// <summary>"study-visit" is the text eventTypeStudyVisit; a type without a text (none today) shows as it is written.</summary>
    private static string EventType(string type, LocalTexts t)
    {
        var key = "eventType" + string.Concat(type.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(Capitalise));
        return t.Has(key) ? t[key] : Capitalise(type.Replace('-', ' '));
    }

    private static List<Fact> EventFacts(AnnouncementReply r, LocalTexts t)
    {
        var a = r.Announcement;
        var facts = new List<Fact>();
        if (a.StartsAt is { } start)
        {
            var from = TimeZoneInfo.ConvertTime(a.Instant(start), r.ViewerZone);
            var when = DayDateTime(from, t);
            if (a.EndsAt is { } end)
            {
                var to = TimeZoneInfo.ConvertTime(a.Instant(end), r.ViewerZone);
                when = to.Date == from.Date
                    ? t.Get("announcementWhenSameDay", ("date", t.DayAndDate(from)), ("from", t.Time(from)), ("to", t.Time(to)))
                    : t.Get("announcementWhenRange", ("from", when), ("to", DayDateTime(to, t)));
            }
            facts.Add(new Fact(t["announcementWhen"], $"{when} ({ZoneName(r.ViewerZone, from)})"));
        }
        if (a.Location is not null) facts.Add(new Fact(t["announcementWhere"], a.Location));
        if (a.Places is { } places) facts.Add(new Fact(t["announcementPlaces"], Count(places)));
        if (a.Deadline is { } d) facts.Add(new Fact(t["announcementApplyBy"], Deadline(a, d, r, t)));
        return facts;
    }

    private static List<Fact> CallFacts(AnnouncementReply r, LocalTexts t)
    {
        var a = r.Announcement;
        var facts = new List<Fact>();
        if (a.Programme is not null) facts.Add(new Fact(t["announcementProgramme"], a.Programme));
        if (a.Budget is not null) facts.Add(new Fact(t["announcementBudget"], a.Budget));
        if (a.Deadline is { } d) facts.Add(new Fact(t["announcementDeadline"], Deadline(a, d, r, t)));
        if (a.Eligibility is not null) facts.Add(new Fact(t["announcementEligibility"], a.Eligibility));
        return facts;
    }

    /// <summary>"closes in 12 days: 19 March 2019, 17:00 (Europe/Brussels)": the exact time in the call's own zone.</summary>
    private static string Deadline(Announcement a, DateTime local, AnnouncementReply r, LocalTexts t)
    {
        var instant = a.Instant(local);
        var days = (int)Math.Ceiling((instant - r.Now).TotalDays);
        var closes = instant <= r.Now ? t["announcementClosed"]
            : days <= 1 ? t["announcementClosesWithinADay"]
            : t.Get("announcementClosesInDays", ("days", Count(days)));
        var date = t.Get("announcementDateTime", ("date", t.Date(local)), ("time", t.Time(local)));
        return t.Get("announcementDeadlineValue", ("closes", closes), ("date", date), ("zone", a.TimeZone));
    }

    /// <summary>"Monday 10 March 2031, 09:30", "Montag, 10. März 2031, 09:30 Uhr".</summary>
    private static string DayDateTime(DateTimeOffset at, LocalTexts t) =>
        t.Get("announcementDateTime", ("date", t.DayAndDate(at)), ("time", t.Time(at)));

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string ZoneName(TimeZoneInfo zone, DateTimeOffset at) =>
        zone.HasIanaId ? zone.Id : $"UTC{at.Offset:hh\\:mm}";
}
