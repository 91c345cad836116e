using System.Data.Common;
using PractitionerBot.Storage;

namespace PractitionerBot.Announcements;

public enum DeliveryStatus { Pending, Sending, Delivered, Failed, Gone, Cancelled }

public sealed record Delivery(long Id, string AnnouncementId, string ConversationId, string ConversationReference, string? UserKey,
    string Kind, DeliveryStatus Status, int Attempts, string? ActivityId, bool NeedsUpdate);

public sealed record DeliveryCounts(int Pending, int Delivered, int Failed, int Gone);

/// <summary>
/// The durable outbox: one row per (announcement, conversation, kind), written before anything is
/// sent. A row being sent is leased; a lease that runs out (the process died) makes it due again,
/// so a crash can repeat at most the sends that were in flight.
/// </summary>
public sealed class DeliveryStore(Database database, TimeProvider time)
{
    public async Task<int> EnqueueAsync(string announcementId, string kind, IEnumerable<(string ConversationId, string Reference, string? UserKey)> recipients,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.Utc();
        var added = 0;
        foreach (var (conversationId, reference, userKey) in recipients)
        {
            await using var insert = connection.Command("""
                INSERT INTO deliveries (announcement_id, conversation_id, conversation_ref, user_key, kind, status, next_attempt_utc)
                VALUES ($a, $c, $r, $u, $k, 'Pending', $now) ON CONFLICT DO NOTHING;
                """, ("$a", announcementId), ("$c", conversationId), ("$r", reference), ("$u", userKey), ("$k", kind), ("$now", now));
            insert.Transaction = transaction;
            added += await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due rows (pending and due, or leased by a process that died) in one statement.
    /// On PostgreSQL, instances claiming at the same moment skip each other's locked rows, so no row goes to two of them.
    /// </summary>
    public async Task<List<Delivery>> ClaimAsync(int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await database.QueryAsync($"""
            UPDATE deliveries SET status = CASE status WHEN 'Delivered' THEN 'Delivered' ELSE 'Sending' END, lease_until_utc = $lease
            WHERE id IN (
                SELECT id FROM deliveries
                WHERE (status = 'Pending' AND next_attempt_utc <= $now) OR (status = 'Sending' AND lease_until_utc <= $now)
                   OR (status = 'Delivered' AND needs_update = 1 AND (lease_until_utc IS NULL OR lease_until_utc <= $now))
                ORDER BY id LIMIT $max{database.SkipLocked})
            RETURNING {Columns};
            """, Read, cancellationToken, ("$now", now.ToString("O")), ("$lease", (now + lease).ToString("O")), ("$max", max));
        claimed.Sort((a, b) => a.Id.CompareTo(b.Id));
        return claimed;
    }

    public Task DeliveredAsync(long id, string? activityId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE deliveries SET status = 'Delivered', activity_id = COALESCE($a, activity_id), lease_until_utc = NULL, attempts = attempts + 1 WHERE id = $id;",
            cancellationToken, ("$id", id), ("$a", activityId));

    /// <summary>An update that failed for now: the card stays delivered and the update is tried again later.</summary>
    public Task PostponeUpdateAsync(long id, DateTimeOffset next, string error, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE deliveries SET lease_until_utc = $next, last_error = $e WHERE id = $id;",
            cancellationToken, ("$id", id), ("$next", next.ToString("O")), ("$e", error));

    public Task UpdatedAsync(long id, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE deliveries SET needs_update = 0, lease_until_utc = NULL WHERE id = $id;", cancellationToken, ("$id", id));

    public Task RetryAsync(long id, DateTimeOffset next, string error, bool failed, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            UPDATE deliveries SET status = $s, attempts = attempts + 1, next_attempt_utc = $next, lease_until_utc = NULL, last_error = $e WHERE id = $id;
            """, cancellationToken, ("$id", id), ("$s", failed ? "Failed" : "Pending"), ("$next", next.ToString("O")), ("$e", error));

    /// <summary>A recipient who blocked or removed the bot: never retried.</summary>
    public Task GoneAsync(long id, string error, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE deliveries SET status = 'Gone', needs_update = 0, lease_until_utc = NULL, last_error = $e WHERE id = $id;",
            cancellationToken, ("$id", id), ("$e", error));

    /// <summary>Pending sends are dropped; delivered cards are marked to be updated in place.</summary>
    public Task CancelAsync(string announcementId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            UPDATE deliveries SET status = 'Cancelled' WHERE announcement_id = $a AND status IN ('Pending', 'Failed');
            UPDATE deliveries SET needs_update = 1 WHERE announcement_id = $a AND status = 'Delivered' AND kind = 'announce';
            """, cancellationToken, ("$a", announcementId));

    public Task MarkForUpdateAsync(string announcementId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE deliveries SET needs_update = 1 WHERE announcement_id = $a AND status = 'Delivered' AND kind = 'announce';",
            cancellationToken, ("$a", announcementId));

    /// <summary>Counts for the announcement itself, or (<paramref name="reminders"/>) for the reminders before its deadline.</summary>
    public async Task<DeliveryCounts> CountsAsync(string announcementId, CancellationToken cancellationToken, bool reminders = false)
    {
        var rows = await database.QueryAsync($"""
            SELECT status, COUNT(*) FROM deliveries WHERE announcement_id = $a AND kind {(reminders ? "LIKE 'reminder-%'" : "= 'announce'")} GROUP BY status;
            """, r => (r.GetString(0), (int)r.GetInt64(1)), cancellationToken, ("$a", announcementId));
        int Of(params string[] s) => rows.Where(r => s.Contains(r.Item1)).Sum(r => r.Item2);
        return new DeliveryCounts(Of("Pending", "Sending"), Of("Delivered"), Of("Failed"), Of("Gone"));
    }

    public async Task<bool> AnyOutstandingAsync(string announcementId, CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT COUNT(*) FROM deliveries WHERE announcement_id = $a AND kind = 'announce' AND status IN ('Pending', 'Sending');",
            r => r.GetInt64(0), cancellationToken, ("$a", announcementId)))[0] > 0;

    private const string Columns = "id, announcement_id, conversation_id, conversation_ref, user_key, kind, status, attempts, activity_id, needs_update";

    private static Delivery Read(DbDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableString(4),
        r.GetString(5), Enum.Parse<DeliveryStatus>(r.GetString(6)), r.GetInt32(7), r.NullableString(8), r.Int(9) == 1);
}
