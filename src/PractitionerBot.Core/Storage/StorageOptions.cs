using System.ComponentModel.DataAnnotations;

namespace PractitionerBot.Storage;

/// <summary>Configuration section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>sqlite</c> (default, zero set-up, one instance) or <c>postgres</c> (several instances share one database).</summary>
    [Required] public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite database file; relative paths start at the content root.</summary>
    [Required] public string SqlitePath { get; set; } = "data/practitionerbot.db";

    /// <summary>How long a write waits for another writer's lock before the member is told to try again.</summary>
    [Range(1, 300)] public int BusyTimeoutSeconds { get; set; } = 5;

    /// <summary>With <c>postgres</c>: an Npgsql connection string (<c>Host=...;Database=...;Username=...;Password=...</c>).</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<string> Problems()
    {
        switch (Provider)
        {
            case "sqlite":
                yield break;
            case "postgres" when string.IsNullOrWhiteSpace(ConnectionString):
                yield return "Storage:ConnectionString: required with Storage:Provider 'postgres'";
                yield break;
            case "postgres":
                string? problem = null;
                try
                {
                    _ = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
                }
                catch (ArgumentException ex)
                {
                    problem = $"Storage:ConnectionString: not a valid PostgreSQL connection string ({ex.Message})";
                }
                if (problem is not null) yield return problem;
                yield break;
            default:
                yield return $"Storage:Provider: '{Provider}' is not supported; use 'sqlite' or 'postgres'";
                yield break;
        }
    }

    /// <summary>The database the settings name; its schema is created or upgraded later, by <see cref="Database.Migrate"/> at start-up.</summary>
    public Database Open() => Provider != "postgres" ? new SqliteDatabase(SqlitePath, BusyTimeoutSeconds) : new PostgresDatabase(ConnectionString!);
}
