using System.Text.Json;
using PractitionerBot.Storage;

namespace PractitionerBot.Announcements;

public sealed class AnnouncementStore(Database database, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task InsertAsync(Announcement a, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            INSERT INTO announcements (id, json, status, publish_at_utc, deadline_utc, created_utc, updated_utc)
            VALUES ($id, $json, $status, $publish, $deadline, $now, $now);
            """, cancellationToken, Row(a));

    /// <summary>Saves a changed announcement if it still has the status it was read with (no lost updates).</summary>
    public async Task<bool> ReplaceAsync(Announcement a, AnnouncementStatus expected, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("""
            UPDATE announcements SET json = $json, status = $status, publish_at_utc = $publish, deadline_utc = $deadline, updated_utc = $now
            WHERE id = $id AND status = $expected;
            """, cancellationToken, [.. Row(a), ("$expected", expected.ToString())]) == 1;

    public async Task<Announcement?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT json, status FROM announcements WHERE id = $id;", Read, cancellationToken, ("$id", id))).SingleOrDefault();

    public Task<List<Announcement>> ListAsync(CancellationToken cancellationToken) =>
        database.QueryAsync("SELECT json, status FROM announcements ORDER BY created_utc DESC LIMIT 200;", Read, cancellationToken);

    /// <summary>Scheduled announcements whose time has come.</summary>
    public Task<List<Announcement>> DueAsync(CancellationToken cancellationToken) =>
        database.QueryAsync("SELECT json, status FROM announcements WHERE status = 'Scheduled' AND publish_at_utc <= $now;", Read,
            cancellationToken, ("$now", time.Utc()));

    /// <summary>Announcements still being sent (to mark them sent when their outbox is empty).</summary>
    public Task<List<Announcement>> SendingAsync(CancellationToken cancellationToken) =>
        database.QueryAsync("SELECT json, status FROM announcements WHERE status = 'Sending';", Read, cancellationToken);

    /// <summary>Sent announcements with a deadline still ahead (for reminders).</summary>
    public Task<List<Announcement>> WithDeadlineAheadAsync(CancellationToken cancellationToken) =>
        database.QueryAsync("SELECT json, status FROM announcements WHERE status IN ('Sending', 'Sent') AND deadline_utc > $now;", Read,
            cancellationToken, ("$now", time.Utc()));

    public async Task<int> MarkInterestedAsync(string id, string userKey, CancellationToken cancellationToken)
    {
        await database.ExecuteAsync("INSERT INTO interested (announcement_id, user_key, created_utc) VALUES ($id, $k, $t) ON CONFLICT DO NOTHING;",
            cancellationToken, ("$id", id), ("$k", userKey), ("$t", time.Utc()));
        return await InterestedAsync(id, cancellationToken);
    }

    public async Task<int> InterestedAsync(string id, CancellationToken cancellationToken) =>
        (int)(await database.QueryAsync("SELECT COUNT(*) FROM interested WHERE announcement_id = $id;", r => r.GetInt64(0), cancellationToken, ("$id", id)))[0];

    private (string, object?)[] Row(Announcement a) =>
    [
        ("$id", a.Id), ("$json", JsonSerializer.Serialize(a with { Status = AnnouncementStatus.Draft }, Json)), ("$status", a.Status.ToString()),
        ("$publish", a.PublishAt?.ToUniversalTime().ToString("O")), ("$deadline", a.DeadlineInstant?.ToUniversalTime().ToString("O")), ("$now", time.Utc()),
    ];

    private static Announcement Read(System.Data.Common.DbDataReader r) =>
        JsonSerializer.Deserialize<Announcement>(r.GetString(0), Json)! with { Status = Enum.Parse<AnnouncementStatus>(r.GetString(1)) };
}
