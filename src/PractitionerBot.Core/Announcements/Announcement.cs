namespace PractitionerBot.Announcements;

public enum AnnouncementStatus { Draft, Scheduled, Sending, Sent, Cancelled }

/// <summary>Who receives an announcement: the linked channels of its groups, the followers of its groups, or both.</summary>
public sealed record Audience(bool Channels = true, bool Followers = true);

/// <summary>
/// An event (meeting, study visit, webinar, ...) or a funding call, announced to working groups.
/// Times are local to <see cref="TimeZone"/>; <see cref="PublishAt"/> is an absolute instant.
/// </summary>
public sealed record Announcement(
    string Id,
    string Kind,
    string Title,
    IReadOnlyList<string> WorkingGroups,
    Audience Audience,
    string? EventType,
    DateTime? StartsAt,
    DateTime? EndsAt,
    string TimeZone,
    string? Location,
    string? Description,
    string? Url,
    DateTime? Deadline,
    int? Places,
    string? Programme,
    string? Budget,
    string? Eligibility,
    DateTimeOffset? PublishAt,
    AnnouncementStatus Status,
    int Version)
{
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>A local time of this announcement as an instant.</summary>
    public DateTimeOffset Instant(DateTime local) => new(local, Zone.GetUtcOffset(local));

    public DateTimeOffset? DeadlineInstant => Deadline is { } d ? Instant(d) : null;
}

/// <summary>The body of POST and PUT /api/announcements, as sent; checked by <see cref="AnnouncementValidator"/>.</summary>
public sealed class AnnouncementRequest
{
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public List<string>? WorkingGroups { get; set; }
    public Audience? Audience { get; set; }
    public string? EventType { get; set; }
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public string? TimeZone { get; set; }
    public string? Location { get; set; }
    public string? Description { get; set; }
    public string? Url { get; set; }
    public string? Deadline { get; set; }
    public int? Places { get; set; }
    public string? Programme { get; set; }
    public string? Budget { get; set; }
    public string? Eligibility { get; set; }
    public string? PublishAt { get; set; }
}
