using PractitionerBot.Storage;

namespace PractitionerBot.Members;

/// <summary>Which working groups a member follows (for announcements).</summary>
public sealed class FollowStore(Database database, TimeProvider time)
{
    /// <summary>True when the member did not follow the group before.</summary>
    public async Task<bool> FollowAsync(string userKey, string groupId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("INSERT INTO follows (user_key, group_id, created_utc) VALUES ($u, $g, $t) ON CONFLICT DO NOTHING;",
            cancellationToken, ("$u", userKey), ("$g", groupId), ("$t", time.Utc())) == 1;

    public async Task<bool> UnfollowAsync(string userKey, string groupId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM follows WHERE user_key = $u AND group_id = $g;",
            cancellationToken, ("$u", userKey), ("$g", groupId)) == 1;

    public Task<List<string>> GroupsAsync(string userKey, CancellationToken cancellationToken) =>
        database.QueryAsync("SELECT group_id FROM follows WHERE user_key = $u ORDER BY group_id;", r => r.GetString(0),
            cancellationToken, ("$u", userKey));

    public Task<int> EraseAsync(string userKey, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM follows WHERE user_key = $u;", cancellationToken, ("$u", userKey));
}
