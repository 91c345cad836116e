using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PractitionerBot.Cli.Announcements;

/// <summary>
/// Dates written relative to today, so that a file can be reused: <c>+60d 09:30</c> is 09:30 sixty days from today,
/// <c>+2w</c> midnight two weeks from today, both in the announcement's time zone. <c>startsAt</c>, <c>endsAt</c> and
/// <c>deadline</c> become local times; <c>publishAt</c> gets the zone's offset. Anything else is sent as written.
/// </summary>
internal static partial class RelativeDates
{
    private const string DefaultZone = "Europe/Brussels";
    private static readonly string[] LocalFields = ["startsAt", "endsAt", "deadline"];

    public static void Resolve(JsonObject body, DateTimeOffset now)
    {
        var zoneId = body["timeZone"] is JsonValue z && z.TryGetValue(out string? id) && !string.IsNullOrWhiteSpace(id) ? id.Trim() : DefaultZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone)) return; // the API names the bad zone
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        foreach (var field in LocalFields)
            if (Local(body[field], today) is { } local) body[field] = local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        if (Local(body["publishAt"], today) is { } publish)
            body["publishAt"] = new DateTimeOffset(publish, zone.GetUtcOffset(publish)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static DateTime? Local(JsonNode? node, DateTime today)
    {
        if (node is not JsonValue v || !v.TryGetValue(out string? text) || Relative().Match(text.Trim()) is not { Success: true } m) return null;
        var count = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        var days = m.Groups["unit"].Value == "w" ? count * 7 : count;
        var time = m.Groups["h"].Success
            ? new TimeSpan(int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), 0)
            : TimeSpan.Zero;
        return today.AddDays(days) + time;
    }

    [GeneratedRegex(@"^\+(?<n>\d{1,4})(?<unit>[dw])(\s+(?<h>[01]?\d|2[0-3]):(?<m>[0-5]\d))?$")]
    private static partial Regex Relative();
}
