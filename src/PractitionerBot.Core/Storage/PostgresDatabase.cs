using System.Data.Common;
using Npgsql;

namespace PractitionerBot.Storage;

/// <summary>
/// State in PostgreSQL, shared by every instance of the bot. The schema is created or upgraded at
/// start-up under an advisory lock, in one transaction, so instances starting together take turns and
/// the second finds the work done. Timestamps are ISO-8601 text, as in SQLite, so both compare alike.
/// </summary>
public sealed class PostgresDatabase : Database, IAsyncDisposable, IDisposable
{
    // Any fixed number: all instances lock the same one while migrating.
    private const long MigrationLock = 0x5052_4143_5442_4F54; // "PRACTBOT"

    private readonly NpgsqlDataSource _source;

    public PostgresDatabase(string connectionString)
    {
        _source = NpgsqlDataSource.Create(connectionString);
    }

    public override string Provider => "postgres";

    public override int SchemaVersion => PostgresSchema.Migrations.Length;

    public override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    public override string ForUpdate => " FOR UPDATE";

    public override string LockForWrite(string table) => $"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE;";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _source.OpenConnectionAsync(cancellationToken);

    public override void Migrate()
    {
        try
        {
            MigrateOnce();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // The message names the key; the password is never part of it.
            throw new InvalidDataException($"Storage:ConnectionString: cannot use the PostgreSQL database ({ex.Message})", ex);
        }
    }

    private void MigrateOnce()
    {
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        void Run(string sql)
        {
            using var command = new NpgsqlCommand(sql, connection, transaction);
            command.ExecuteNonQuery();
        }
        Run($"SELECT pg_advisory_xact_lock({MigrationLock});");
        Run("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);");
        int current;
        using (var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", connection, transaction))
            current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (current > PostgresSchema.Migrations.Length)
            throw new InvalidDataException($"Storage:ConnectionString: the database has schema version {current}, newer than this bot knows ({PostgresSchema.Migrations.Length}); update the bot");
        for (var i = current; i < PostgresSchema.Migrations.Length; i++) Run(PostgresSchema.Migrations[i]);
        Run($"DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ({PostgresSchema.Migrations.Length});");
        transaction.Commit();
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    public void Dispose() => _source.Dispose();
}
