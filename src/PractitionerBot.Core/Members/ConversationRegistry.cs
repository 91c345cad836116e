using PractitionerBot.Conversations;
using PractitionerBot.Storage;

namespace PractitionerBot.Members;

/// <summary>
/// Where each member can be reached 1:1: the reference of their personal chat, kept from install and
/// messages, forgotten on uninstall, when Teams says the member is gone (403/404), and on "forget me".
/// </summary>
public sealed class ConversationRegistry(Database database, TimeProvider time)
{
    public Task RememberAsync(string userKey, string conversationId, string conversationReference, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            INSERT INTO conversations (user_key, conversation_id, conversation_ref, updated_utc) VALUES ($k, $c, $r, $t)
            ON CONFLICT(user_key) DO UPDATE SET conversation_id = excluded.conversation_id, conversation_ref = excluded.conversation_ref, updated_utc = excluded.updated_utc
            WHERE conversations.conversation_ref <> excluded.conversation_ref;
            """, cancellationToken, ("$k", userKey), ("$c", conversationId), ("$r", conversationReference), ("$t", time.Utc()));

    /// <summary>Keeps where a member can be reached 1:1, from a message in their personal chat.</summary>
    public Task RememberAsync(Conversations.IncomingMessage message, CancellationToken cancellationToken) =>
        message.ConversationType == "personal" && message.ConversationReference is { } reference && message.UserId.Length > 0
            ? RememberAsync(UserKey.For(message.ChannelId, message.UserId), message.ConversationId, reference, cancellationToken)
            : Task.CompletedTask;

    public Task ForgetAsync(string userKey, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM conversations WHERE user_key = $k;", cancellationToken, ("$k", userKey));

    public Task ForgetConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM conversations WHERE conversation_id = $c;", cancellationToken, ("$c", conversationId));

    /// <summary>The personal chats of everyone who follows any of the groups.</summary>
    public Task<List<(string UserKey, string ConversationId, string Reference)>> FollowersOfAsync(IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        var names = groups.Select((_, i) => $"$g{i}").ToList();
        return database.QueryAsync($"""
            SELECT DISTINCT c.user_key, c.conversation_id, c.conversation_ref FROM follows f JOIN conversations c ON c.user_key = f.user_key
            WHERE f.group_id IN ({string.Join(", ", names)});
            """, r => (r.GetString(0), r.GetString(1), r.GetString(2)), cancellationToken,
            groups.Select((g, i) => (names[i], (object?)g)).ToArray());
    }
}
