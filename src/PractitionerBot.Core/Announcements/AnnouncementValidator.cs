using System.Globalization;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Announcements;

/// <summary>Checks a request and lists every problem by field, as ProblemDetails "errors" expects.</summary>
public sealed class AnnouncementValidator(IWorkingGroupDirectory groups, TimeProvider time)
{
    public static readonly IReadOnlySet<string> EventTypes =
        new HashSet<string> { "meeting", "study-visit", "webinar", "academy", "plenary", "conference", "other" };

    public (Announcement? Announcement, Dictionary<string, string[]> Errors) Validate(AnnouncementRequest r, string id, int version = 1)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        var kind = r.Kind?.Trim().ToLowerInvariant();
        if (kind is not ("event" or "call")) Add("kind", "must be \"event\" or \"call\"");
        if (string.IsNullOrWhiteSpace(r.Title)) Add("title", "is required");
        else if (r.Title.Length > 200) Add("title", "must be at most 200 characters");
        var named = r.WorkingGroups ?? [];
        if (named.Any(string.IsNullOrWhiteSpace)) Add("workingGroups", "an entry is null or empty");
        var wgs = named.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim()).Distinct().ToList();
        if (wgs.Count == 0 && !errors.ContainsKey("workingGroups")) Add("workingGroups", "name at least one working group");
        // However many unknown ids a body carries, the answer names a few and gives the valid ids once.
        var unknown = wgs.Where(g => groups.Find(g) is null).ToList();
        if (unknown.Count > 0)
            Add("workingGroups", $"unknown working group{(unknown.Count == 1 ? "" : "s")} "
                + string.Join(", ", unknown.Take(5).Select(g => $"'{Short(g)}'"))
                + (unknown.Count > 5 ? $" and {unknown.Count - 5:N0} more" : "")
                + $" (valid: {string.Join(", ", groups.All.Select(x => x.Id))})");
        var audience = r.Audience ?? new Audience();
        if (!audience.Channels && !audience.Followers) Add("audience", "choose channels, followers or both");

        TimeZoneInfo? zone = null;
        var zoneId = string.IsNullOrWhiteSpace(r.TimeZone) ? "Europe/Brussels" : r.TimeZone.Trim();
        try { zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId); }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException) { Add("timeZone", $"'{zoneId}' is not a known time zone (use an IANA name such as Europe/Brussels)"); }

        var starts = Local(r.StartsAt, "startsAt", Add);
        var ends = Local(r.EndsAt, "endsAt", Add);
        var deadline = Local(r.Deadline, "deadline", Add);
        DateTimeOffset? publishAt = null;
        if (!string.IsNullOrWhiteSpace(r.PublishAt))
        {
            if (DateTimeOffset.TryParse(r.PublishAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var p)) publishAt = p;
            else Add("publishAt", $"'{r.PublishAt}' is not a date and time with an offset, e.g. 2026-03-01T09:00:00+01:00");
        }

        if (zone is not null)
        {
            // A local time whose instant falls outside years 1 to 9999 cannot be compared, sent or put in a calendar.
            if (starts is { } s0 && !Representable(s0, zone)) { Add("startsAt", "is out of range"); starts = null; }
            if (ends is { } e0 && !Representable(e0, zone)) { Add("endsAt", "is out of range"); ends = null; }
            if (deadline is { } d0 && !Representable(d0, zone)) { Add("deadline", "is out of range"); deadline = null; }
        }

        var now = time.GetUtcNow();
        if (kind == "event")
        {
            if (starts is null && !errors.ContainsKey("startsAt")) Add("startsAt", "is required for an event");
            if (starts is { } s && ends is { } e && e < s) Add("endsAt", "is before startsAt");
            if (r.EventType is { } et && !EventTypes.Contains(et)) Add("eventType", $"must be one of {string.Join(", ", EventTypes)}");
            if (zone is not null && starts is { } start && new DateTimeOffset(start, zone.GetUtcOffset(start)) < now) Add("startsAt", "is in the past");
        }
        if (kind == "call")
        {
            if (deadline is null && !errors.ContainsKey("deadline")) Add("deadline", "is required for a call");
            if (string.IsNullOrWhiteSpace(r.Programme)) Add("programme", "is required for a call");
        }
        if (zone is not null && deadline is { } d && new DateTimeOffset(d, zone.GetUtcOffset(d)) < now) Add("deadline", "is in the past");
        if (r.Url is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps))
            Add("url", "must be an https address");
        if (r.Places is < 1) Add("places", "must be at least 1");
        if (r.Description?.Length > 4000) Add("description", "must be at most 4,000 characters");
        if (publishAt is { } at && at < now.AddMinutes(-1)) Add("publishAt", "is in the past");

        if (errors.Count > 0) return (null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        var announcement = new Announcement(id, kind!, r.Title!.Trim(), wgs, audience, r.EventType ?? (kind == "event" ? "meeting" : null),
            starts, ends, zoneId, Clean(r.Location), Clean(r.Description), Clean(r.Url), deadline, r.Places, Clean(r.Programme), Clean(r.Budget),
            Clean(r.Eligibility), publishAt, AnnouncementStatus.Draft, version);
        return (announcement, []);
    }

    private static DateTime? Local(string? text, string field, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var value))
            return DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        add(field, $"'{text}' is not a date and time (use 2026-03-10T09:30)");
        return null;
    }

    private static bool Representable(DateTime local, TimeZoneInfo zone)
    {
        var utcTicks = local.Ticks - zone.GetUtcOffset(local).Ticks;
        // A day's margin either side: the member's own zone may be up to 14 hours from the announcement's.
        return utcTicks >= TimeSpan.TicksPerDay && utcTicks <= DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay;
    }

    private static string Short(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
