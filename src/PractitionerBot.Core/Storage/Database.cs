using System.Data.Common;

namespace PractitionerBot.Storage;

/// <summary>
/// The one owner of the state database (SQLite by default, PostgreSQL for several instances): opens
/// short-lived pooled connections and creates or upgrades the schema once at start-up. Stores write
/// one SQL text for both; the few differences between the two are named here.
/// </summary>
public abstract class Database
{
    /// <summary><c>sqlite</c> or <c>postgres</c>, as in <c>Storage:Provider</c>.</summary>
    public abstract string Provider { get; }

    /// <summary>The schema version after start-up (the number of migrations applied).</summary>
    public abstract int SchemaVersion { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates or upgrades the schema. Run once, by the start-up step that says so (the host's StorageStartup), never while
    /// services are being constructed: a database that cannot be used stops start-up there, with the key named.
    /// </summary>
    public abstract void Migrate();

    /// <summary>
    /// Ends a SELECT that picks rows to claim: PostgreSQL locks them and skips rows another instance is
    /// claiming at that moment; SQLite has one writer at a time, so it needs nothing.
    /// </summary>
    public abstract string SkipLocked { get; }

    /// <summary>Ends a SELECT whose rows the transaction goes on to change (PostgreSQL: lock them until commit).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>
    /// A statement that makes the transaction the table's only writer until it commits, for a read-then-write that
    /// spans rows which may not exist yet (PostgreSQL: a table lock that readers pass; SQLite: the write lock is already held).
    /// </summary>
    public virtual string LockForWrite(string table) => "";

    /// <summary>A transaction that will write: SQLite takes the write lock at once, PostgreSQL relies on row locks.</summary>
    public virtual async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>
    /// After an erasure: makes the erased rows unrecoverable from the database's own files. PostgreSQL's
    /// (auto)vacuum reclaims dead rows by itself; SQLite overrides this.
    /// </summary>
    public virtual Task ScrubAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A failure of the database itself (busy, unreachable, failed over), after which the work is tried again later.</summary>
    public static bool IsUnavailable(Exception ex) => ex is DbException or IOException or TimeoutException;
}
