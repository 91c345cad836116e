using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace PractitionerBot.Bench;

/// <summary>
/// The simulated members of <c>bench turns</c>: each has their own Teams personal chat, and has been
/// through onboarding already (a profile with consent, and the bot knows their chat), so their
/// questions go straight to answering.
/// </summary>
internal static class Members
{
    public static string UserId(int user) => $"29:bench-user-{user:D3}";

    public static string ConversationId(int user) => $"a:bench-personal-{user:D3}";

    /// <summary>A question in a personal chat, shaped as Teams sends it.</summary>
    public static string Question(string serviceUrl, int user, string activityId, string text) => new JsonObject
    {
        ["type"] = "message",
        ["id"] = activityId,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = UserId(user), ["name"] = $"Bench User {user}", ["aadObjectId"] = $"00000000-0000-0000-0000-{user:D12}" },
        ["conversation"] = new JsonObject { ["id"] = ConversationId(user), ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "PractitionerBot" },
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "en-US",
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
    }.ToJsonString();

    /// <summary>Profiles as onboarding saves them, written straight into the bot's database once it is ready.</summary>
    public static void Seed(string db, int users, string serviceUrl)
    {
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO profiles (user_key, role, role_description, country, city, topics, language, consent_utc, conversation_ref, updated_utc)
            VALUES ($k, 'teacher', NULL, 'BE', NULL, 'schools', 'en', '2026-01-01T00:00:00.0000000+00:00', $r, '2026-01-01T00:00:00Z');
            """;
        var key = command.Parameters.Add("$k", SqliteType.Text);
        var reference = command.Parameters.Add("$r", SqliteType.Text);
        for (var user = 0; user < users; user++)
        {
            key.Value = UserKey("msteams", UserId(user));
            reference.Value = new JsonObject
            {
                ["channelId"] = "msteams", ["serviceUrl"] = serviceUrl,
                ["conversation"] = new JsonObject { ["id"] = ConversationId(user), ["conversationType"] = "personal" },
                ["bot"] = new JsonObject { ["id"] = "28:bot" }, ["user"] = new JsonObject { ["id"] = UserId(user) },
            }.ToJsonString();
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>The bot's one-way member key (PractitionerBot.Members.UserKey), repeated here so the bench needs no internals.</summary>
    private static string UserKey(string channelId, string userId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{channelId}\n{userId}")))[..32];
}
