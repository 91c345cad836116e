using System.ComponentModel.DataAnnotations;

namespace PractitionerBot.Storage;

/// <summary>Configuration section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>sqlite</c> (default, zero set-up).</summary>
    [Required] public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite database file; relative paths start at the content root.</summary>
    [Required] public string SqlitePath { get; set; } = "data/practitionerbot.db";

    /// <summary>How long a write waits for another writer's lock before the member is told to try again.</summary>
    [Range(1, 300)] public int BusyTimeoutSeconds { get; set; } = 5;
}
