using System.Data.Common;
using PractitionerBot.Storage;

namespace PractitionerBot.Onboarding;

public enum WelcomeStatus { Pending, Sending, Delivered, Skipped, Failed, Gone }

/// <summary>A member's welcome (<see cref="Welcome.Member"/>) or a team's one channel welcome (<see cref="Welcome.Channel"/>).</summary>
public sealed record Welcome(long Id, string TeamId, string UserKey, string Kind, string Recipient, WelcomeStatus Status, int Attempts, int PartsSent)
{
    public const string Member = "member";
    public const string Channel = "channel";
}

/// <summary>Who to welcome: the member's key and an opaque reference the channel adapter can create their personal chat from.</summary>
public sealed record WelcomeRecipient(string UserKey, string Kind, string Recipient);

public sealed record WelcomeCounts(int Pending, int Delivered, int Skipped, int Failed, int Gone);

/// <summary>
/// The welcomes outbox: one row per team and member, written in the turn that added them, before anything is sent.
/// Rows are claimed with a lease like the announcements' deliveries, so a crash repeats at most the sends in flight;
/// <c>parts_sent</c> records how far a welcome of several messages got, so a retry does not repeat the first ones.
/// </summary>
public sealed class WelcomeStore(Database database, TimeProvider time)
{
    /// <summary>Writes the rows in one transaction; members with a profile or already welcomed by another team are left out.</summary>
    public async Task<int> EnqueueAsync(string teamId, IEnumerable<WelcomeRecipient> recipients, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One command for every row, its parameters changed from row to row: a team of 1,000 is one short transaction.
        await using var insert = connection.Command(transaction, """
            INSERT INTO welcomes (team_id, user_key, kind, recipient, status, next_attempt_utc, created_utc)
            SELECT $t, $u, $k, $r, 'Pending', $now, $now
            WHERE NOT EXISTS (SELECT 1 FROM profiles WHERE user_key = $u)
              AND NOT EXISTS (SELECT 1 FROM welcomes WHERE user_key = $u AND status = 'Delivered')
            ON CONFLICT DO NOTHING;
            """, ("$t", teamId), ("$u", ""), ("$k", ""), ("$r", ""), ("$now", time.Utc()));
        var added = 0;
        foreach (var r in recipients)
        {
            (insert.Parameters[1].Value, insert.Parameters[2].Value, insert.Parameters[3].Value) = (r.UserKey, r.Kind, r.Recipient);
            added += await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>Claims up to <paramref name="max"/> due rows; on PostgreSQL instances skip each other's locked rows.</summary>
    public async Task<List<Welcome>> ClaimAsync(int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await database.QueryAsync($"""
            UPDATE welcomes SET status = 'Sending', lease_until_utc = $lease
            WHERE id IN (
                SELECT id FROM welcomes
                WHERE (status = 'Pending' AND next_attempt_utc <= $now) OR (status = 'Sending' AND lease_until_utc <= $now)
                ORDER BY id LIMIT $max{database.SkipLocked})
            RETURNING {Columns};
            """, Read, cancellationToken, ("$now", now.ToString("O")), ("$lease", (now + lease).ToString("O")), ("$max", max));
        claimed.Sort((a, b) => a.Id.CompareTo(b.Id));
        return claimed;
    }

    /// <summary>Whether the member was welcomed through another team meanwhile (added to two teams at once).</summary>
    /// <summary>The member needs no welcome: they have a profile, or another team's welcome reached them.</summary>
    public async Task<bool> AlreadyKnownAsync(Welcome welcome, CancellationToken cancellationToken) =>
        (await database.QueryAsync("""
            SELECT (SELECT COUNT(*) FROM profiles WHERE user_key = $u)
                 + (SELECT COUNT(*) FROM welcomes WHERE user_key = $u AND id <> $id AND status = 'Delivered');
            """, r => r.GetInt64(0), cancellationToken, ("$u", welcome.UserKey), ("$id", welcome.Id)))[0] > 0;

    public Task PartSentAsync(long id, int partsSent, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE welcomes SET parts_sent = $p WHERE id = $id;", cancellationToken, ("$id", id), ("$p", partsSent));

    /// <summary>
    /// Delivered, skipped (a profile or another welcome came first) or gone (the member blocked or left): never sent again.
    /// The member's ids are not needed any more; the row stays (with the member's key only) so they are not welcomed twice.
    /// </summary>
    public Task DoneAsync(long id, WelcomeStatus status, string? note, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            UPDATE welcomes SET status = $s, lease_until_utc = NULL, attempts = attempts + 1, last_error = $e,
                recipient = CASE WHEN kind = 'member' THEN '{}' ELSE recipient END
            WHERE id = $id;
            """,
            cancellationToken, ("$id", id), ("$s", status.ToString()), ("$e", note));

    public Task RetryAsync(long id, DateTimeOffset next, string error, bool failed, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            UPDATE welcomes SET status = $s, attempts = attempts + 1, next_attempt_utc = $next, lease_until_utc = NULL, last_error = $e WHERE id = $id;
            """, cancellationToken, ("$id", id), ("$s", failed ? "Failed" : "Pending"), ("$next", next.ToString("O")), ("$e", error));

    public async Task<WelcomeCounts> CountsAsync(string teamId, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync("SELECT status, COUNT(*) FROM welcomes WHERE team_id = $t AND kind = 'member' GROUP BY status;",
            r => (r.GetString(0), r.Int(1)), cancellationToken, ("$t", teamId));
        int Of(params string[] s) => rows.Where(r => s.Contains(r.Item1)).Sum(r => r.Item2);
        return new WelcomeCounts(Of("Pending", "Sending"), Of("Delivered"), Of("Skipped"), Of("Failed"), Of("Gone"));
    }

    private const string Columns = "id, team_id, user_key, kind, recipient, status, attempts, parts_sent";

    private static Welcome Read(DbDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
        Enum.Parse<WelcomeStatus>(r.GetString(5)), r.Int(6), r.Int(7));
}
