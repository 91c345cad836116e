using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace PractitionerBot.Storage;

/// <summary>
/// Owns the SQLite database file: the connection string, and the schema, created or upgraded once
/// at start-up. Every store opens short-lived connections from here (pooled by the provider).
/// </summary>
public sealed class SqliteDatabase : Database
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    public SqliteDatabase(string path, int busyTimeoutSeconds = 5)
    {
        _busyTimeoutMs = busyTimeoutSeconds * 1000;
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            // The provider also retries busy commands until this runs out: keep it a bound above busy_timeout.
            DefaultTimeout = busyTimeoutSeconds * 2,
        }.ToString();
    }

    public string Path { get; }

    public override string Provider => "sqlite";

    /// <summary>
    /// Deleted rows are overwritten with zeros as they are deleted (<c>secure_delete</c>, set on every connection); this
    /// moves the log into the file and empties it, so no older copy of an erased row is left in the write-ahead log.
    /// </summary>
    public override async Task ScrubAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await checkpoint.ExecuteNonQueryAsync(cancellationToken);
    }

    public override int SchemaVersion => Migrations.Length;

    public override string SkipLocked => "";

    public override string ForUpdate => "";

    /// <summary>BEGIN IMMEDIATE: the write lock is taken before the first read, so a read-then-write cannot be overtaken.</summary>
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        // Writers wait for each other instead of failing at once with SQLITE_BUSY.
        pragma.CommandText = $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>The schema steps with SQLite's auto-numbered ids; <c>PRAGMA user_version</c> counts the steps applied.</summary>
    private static readonly string[] Migrations = Schema.Steps("INTEGER PRIMARY KEY AUTOINCREMENT");

    public override void Migrate()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;";
            wal.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using var version = connection.CreateCommand();
        version.Transaction = transaction;
        version.CommandText = "PRAGMA user_version;";
        var current = Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = current; i < Migrations.Length; i++)
        {
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = Migrations[i] + $"\nPRAGMA user_version = {i + 1};";
            step.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
