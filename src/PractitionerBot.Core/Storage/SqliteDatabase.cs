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
        Migrate();
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

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE bot_state (
            key TEXT PRIMARY KEY,
            etag TEXT NOT NULL,
            json TEXT NOT NULL,
            updated_utc TEXT NOT NULL
        );
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_utc TEXT NOT NULL,
            user_key TEXT NOT NULL,
            document_id TEXT,
            passage_id TEXT,
            helpful INTEGER NOT NULL,
            question TEXT
        );
        CREATE INDEX feedback_user ON feedback(user_key);
        """,
        """
        CREATE TABLE channel_links (
            group_id TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL UNIQUE,
            team_id TEXT,
            conversation_ref TEXT NOT NULL,
            linked_by TEXT NOT NULL,
            linked_utc TEXT NOT NULL
        );
        CREATE TABLE follows (
            user_key TEXT NOT NULL,
            group_id TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            PRIMARY KEY (user_key, group_id)
        );
        CREATE TABLE peer_questions (
            id TEXT PRIMARY KEY,
            group_id TEXT NOT NULL,
            asker_key TEXT NOT NULL,
            asker_name TEXT,
            asker_ref TEXT,
            text TEXT NOT NULL,
            status TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            updated_utc TEXT NOT NULL,
            channel_conversation_id TEXT,
            channel_activity_id TEXT,
            reminded_utc TEXT
        );
        CREATE INDEX peer_questions_status ON peer_questions(status, created_utc);
        CREATE INDEX peer_questions_asker ON peer_questions(asker_key);
        CREATE TABLE peer_answers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            question_id TEXT NOT NULL REFERENCES peer_questions(id) ON DELETE CASCADE,
            answerer_key TEXT NOT NULL,
            answerer_name TEXT,
            text TEXT NOT NULL,
            created_utc TEXT NOT NULL
        );
        CREATE INDEX peer_answers_question ON peer_answers(question_id);
        CREATE INDEX peer_answers_answerer ON peer_answers(answerer_key);
        """,
        """
        CREATE TABLE profiles (
            user_key TEXT PRIMARY KEY,
            role TEXT,
            role_description TEXT,
            country TEXT,
            city TEXT,
            topics TEXT,
            language TEXT,
            consent_utc TEXT NOT NULL,
            conversation_ref TEXT,
            updated_utc TEXT NOT NULL
        );
        CREATE TABLE erasures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            erased_utc TEXT NOT NULL,
            rows_erased INTEGER NOT NULL
        );
        """,
        """
        CREATE TABLE conversations (
            user_key TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            conversation_ref TEXT NOT NULL,
            updated_utc TEXT NOT NULL
        );
        CREATE TABLE announcements (
            id TEXT PRIMARY KEY,
            json TEXT NOT NULL,
            status TEXT NOT NULL,
            publish_at_utc TEXT,
            deadline_utc TEXT,
            created_utc TEXT NOT NULL,
            updated_utc TEXT NOT NULL
        );
        CREATE INDEX announcements_status ON announcements(status, publish_at_utc);
        CREATE TABLE interested (
            announcement_id TEXT NOT NULL,
            user_key TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            PRIMARY KEY (announcement_id, user_key)
        );
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            announcement_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            conversation_ref TEXT NOT NULL,
            user_key TEXT,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_utc TEXT NOT NULL,
            lease_until_utc TEXT,
            activity_id TEXT,
            needs_update INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            UNIQUE (announcement_id, conversation_id, kind)
        );
        CREATE INDEX deliveries_due ON deliveries(status, next_attempt_utc);
        CREATE INDEX deliveries_update ON deliveries(needs_update);
        """,
    ];

    private void Migrate()
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
        var current = Convert.ToInt32(version.ExecuteScalar());
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
