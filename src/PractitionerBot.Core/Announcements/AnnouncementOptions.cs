using System.ComponentModel.DataAnnotations;

namespace PractitionerBot.Announcements;

/// <summary>Configuration section "Announcements".</summary>
public sealed class AnnouncementOptions
{
    public const string Section = "Announcements";

    /// <summary>Sends per second across all conversations: under Teams' ~50 per app per tenant.</summary>
    [Range(1, 1000)] public double GlobalRatePerSecond { get; set; } = 40;

    /// <summary>Teams allows 7 sends per second per conversation.</summary>
    [Range(1, 50)] public int PerConversationPerSecond { get; set; } = 7;

    [Range(1, 64)] public int Concurrency { get; set; } = 16;

    /// <summary>Transient failures (412, 5xx, timeouts) are retried this many times, then the delivery is marked failed.</summary>
    [Range(1, 50)] public int MaxAttempts { get; set; } = 8;

    /// <summary>A send that has not been answered by then counts as a timeout and is retried.</summary>
    [Range(1, 120)] public int SendTimeoutSeconds { get; set; } = 15;

    /// <summary>How long a claimed outbox row is reserved; after a crash, unfinished rows are sent again once it runs out.</summary>
    [Range(5, 3600)] public int LeaseSeconds { get; set; } = 60;

    /// <summary>Reminders to followers this many days before a deadline.</summary>
    public List<int> ReminderDaysBefore { get; set; } = [7, 1];

    /// <summary>How the bot's own address looks from outside, for "Add to calendar" links.</summary>
    [Required, Url] public string PublicBaseUrl { get; set; } = "http://localhost:3978";
}
