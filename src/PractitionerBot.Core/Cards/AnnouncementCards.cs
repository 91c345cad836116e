using System.Globalization;
using System.Text.Json.Nodes;
using PractitionerBot.Announcements;

namespace PractitionerBot.Cards;

/// <summary>Event and call cards. Cancelled or edited announcements re-render and replace the delivered cards.</summary>
internal static class AnnouncementCards
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    public static AdaptiveCard Render(AnnouncementReply reply)
    {
        var a = reply.Announcement;
        var cancelled = a.Status == AnnouncementStatus.Cancelled;
        var body = new List<CardElement>
        {
            new TextBlock(Label(a)) { Size = TextSize.Small, IsSubtle = true, Wrap = false },
            new TextBlock(cancelled ? $"Cancelled: {a.Title}" : a.Title) { Size = TextSize.Large, Weight = TextWeight.Bolder, Heading = true, Spacing = Spacing.None,
                Color = cancelled ? TextColor.Attention : TextColor.Default },
        };
        if (reply.Notice is not null) body.Add(new TextBlock(reply.Notice) { Color = TextColor.Accent, Weight = TextWeight.Bolder });
        if (cancelled) body.Add(new TextBlock("This announcement was cancelled by the coordinators.") { Color = TextColor.Attention });
        var facts = a.Kind == "event" ? EventFacts(reply) : CallFacts(reply);
        body.Add(new FactSet(facts));
        if (a.Description is not null) body.Add(new TextBlock(a.Description) { Spacing = Spacing.Medium });

        var actions = new List<CardAction>();
        if (!cancelled)
        {
            if (a.Url is not null && Uri.TryCreate(a.Url, UriKind.Absolute, out var url))
                actions.Add(new OpenUrlAction(a.Kind == "event" ? "Register" : "Read the call", url));
            if (a.Kind == "event") actions.Add(new OpenUrlAction("Add to calendar", reply.CalendarUrl));
            actions.Add(new ExecuteAction(reply.Interested == 0 ? "Interested" : $"Interested ({reply.Interested})", "interested",
                new JsonObject { ["announcementId"] = a.Id }));
        }
        return new AdaptiveCard { Body = body, Actions = actions, FallbackText = $"{Label(a)}: {a.Title}" };
    }

    private static string Label(Announcement a) => a.Kind == "call"
        ? "Funding call"
        : (a.EventType ?? "event").Replace('-', ' ') switch { var t => char.ToUpperInvariant(t[0]) + t[1..] } + " · " + string.Join(", ", a.WorkingGroups);

    private static List<Fact> EventFacts(AnnouncementReply r)
    {
        var a = r.Announcement;
        var facts = new List<Fact>();
        if (a.StartsAt is { } start)
        {
            var from = TimeZoneInfo.ConvertTime(a.Instant(start), r.ViewerZone);
            var when = from.ToString("dddd d MMMM yyyy, HH:mm", En);
            if (a.EndsAt is { } end)
            {
                var to = TimeZoneInfo.ConvertTime(a.Instant(end), r.ViewerZone);
                when += to.Date == from.Date ? $" to {to:HH:mm}" : $" to {to.ToString("dddd d MMMM yyyy, HH:mm", En)}";
            }
            facts.Add(new Fact("When", $"{when} ({ZoneName(r.ViewerZone, from)})"));
        }
        if (a.Location is not null) facts.Add(new Fact("Where", a.Location));
        if (a.Places is { } places) facts.Add(new Fact("Places", places.ToString(CultureInfo.InvariantCulture)));
        if (a.Deadline is { } d) facts.Add(new Fact("Apply by", Deadline(a, d, r)));
        return facts;
    }

    private static List<Fact> CallFacts(AnnouncementReply r)
    {
        var a = r.Announcement;
        var facts = new List<Fact>();
        if (a.Programme is not null) facts.Add(new Fact("Programme", a.Programme));
        if (a.Budget is not null) facts.Add(new Fact("Budget", a.Budget));
        if (a.Deadline is { } d) facts.Add(new Fact("Deadline", Deadline(a, d, r)));
        if (a.Eligibility is not null) facts.Add(new Fact("Who can apply", a.Eligibility));
        return facts;
    }

    /// <summary>"closes in 12 days: 19 March 2019, 17:00 (Europe/Brussels)": the exact time in the call's own zone.</summary>
    private static string Deadline(Announcement a, DateTime local, AnnouncementReply r)
    {
        var instant = a.Instant(local);
        var days = (int)Math.Ceiling((instant - r.Now).TotalDays);
        var closes = instant <= r.Now ? "closed" : days <= 1 ? "closes within a day" : $"closes in {days} days";
        return $"{closes}: {local.ToString("d MMMM yyyy, HH:mm", En)} ({a.TimeZone})";
    }

    private static string ZoneName(TimeZoneInfo zone, DateTimeOffset at) =>
        zone.HasIanaId ? zone.Id : $"UTC{at.Offset:hh\\:mm}";
}
