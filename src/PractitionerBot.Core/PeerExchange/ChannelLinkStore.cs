using PractitionerBot.Storage;

namespace PractitionerBot.PeerExchange;

/// <summary>A Teams channel that speaks for a working group: questions to its peers are posted there.</summary>
public sealed record ChannelLink(string GroupId, string ConversationId, string? TeamId, string ConversationReference);

/// <summary>One channel per group, one group per channel: linking again moves the link.</summary>
public sealed class ChannelLinkStore(Database database, TimeProvider time)
{
    public async Task LinkAsync(ChannelLink link, string linkedBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        // Two coordinators linking at once (on two instances) take turns instead of one failing on a unique key.
        await using (var clear = connection.Command(database.LockForWrite("channel_links") + "DELETE FROM channel_links WHERE conversation_id = $c OR group_id = $g;",
                         ("$c", link.ConversationId), ("$g", link.GroupId)))
        {
            clear.Transaction = transaction;
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var insert = connection.Command("""
                         INSERT INTO channel_links (group_id, conversation_id, team_id, conversation_ref, linked_by, linked_utc)
                         VALUES ($g, $c, $team, $ref, $by, $t);
                         """, ("$g", link.GroupId), ("$c", link.ConversationId), ("$team", link.TeamId),
                         ("$ref", link.ConversationReference), ("$by", linkedBy), ("$t", time.Utc())))
        {
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The group the channel was linked to, or null if it was not linked.</summary>
    public async Task<string?> UnlinkAsync(string conversationId, CancellationToken cancellationToken)
    {
        var group = await ForChannelAsync(conversationId, cancellationToken);
        if (group is not null)
            await database.ExecuteAsync("DELETE FROM channel_links WHERE conversation_id = $c;", cancellationToken, ("$c", conversationId));
        return group;
    }

    public async Task<ChannelLink?> ForGroupAsync(string groupId, CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT group_id, conversation_id, team_id, conversation_ref FROM channel_links WHERE group_id = $g;",
            r => new ChannelLink(r.GetString(0), r.GetString(1), r.NullableString(2), r.GetString(3)), cancellationToken, ("$g", groupId)))
        .SingleOrDefault();

    public async Task<string?> ForChannelAsync(string conversationId, CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT group_id FROM channel_links WHERE conversation_id = $c;", r => r.GetString(0),
            cancellationToken, ("$c", conversationId))).SingleOrDefault();

    public Task<List<ChannelLink>> AllAsync(CancellationToken cancellationToken) =>
        database.QueryAsync("SELECT group_id, conversation_id, team_id, conversation_ref FROM channel_links ORDER BY group_id;",
            r => new ChannelLink(r.GetString(0), r.GetString(1), r.NullableString(2), r.GetString(3)), cancellationToken);
}
