using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Members;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Onboarding;

/// <summary>Onboarding over HTTP with a mock Bot Connector: install, answer every prompt, restart, forget me.</summary>
public sealed class OnboardingEndToEndTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task Onboarding_StoresTheProfileSurvivesARestartAndForgetMeErasesIt()
    {
        await using var connector = await MockBotConnector.StartAsync();
        using var data = new TempDir();
        var conversation = BotFixture.NewConversation();
        var userKey = UserKey.For("msteams", "29:user-" + conversation);
        var sent = 0;

        async Task<ReceivedActivity> Say(BotHost host, string? text, JsonObject? value = null)
        {
            await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, text, value));
            return await connector.MessageAsync(conversation, ++sent);
        }

        await using (var host = await BotHost.StartAsync(dir: data))
        {
            await host.PostActivityAsync(Activities.PersonalInstall(connector.ServiceUrl, conversation));
            sent += 2;
            var welcome = await connector.MessageAsync(conversation, 1);
            Assert.Contains("skip", welcome.Text);
            var privacy = await connector.MessageAsync(conversation, 2);
            Assert.Empty(await CardValidator.ErrorsAsync(privacy.Card!));
            Assert.Contains("Your privacy", privacy.Card!.ToJsonString(Readable));

            var role = await Say(host, null, new JsonObject { ["dialog"] = "onboarding", ["step"] = "privacy", ["answer"] = "yes" });
            Assert.Empty(await CardValidator.ErrorsAsync(role.Card!));
            var country = await Say(host, "Teachr"); // a typo still picks "teacher"
            Assert.Contains("\"country\"", country.Card!.ToJsonString());

            // Three answers the flow cannot use: re-asked twice with the reason, then skipped.
            var first = await Say(host, "Narnia");
            Assert.Contains("'Narnia' is not one of the options", first.Card!.ToJsonString(Readable));
            var second = await Say(host, null, new JsonObject { ["dialog"] = "onboarding", ["step"] = "country", ["answer"] = "" });
            Assert.Contains("no option was chosen", second.Card!.ToJsonString(Readable));
            var skipped = await Say(host, "Atlantis");
            Assert.Contains("leave that one out", skipped.Text);
            var city = await connector.MessageAsync(conversation, ++sent);
            Assert.Contains("\"city\"", city.Card!.ToJsonString());

            var tooLong = await Say(host, new string('x', 5_000));
            Assert.Contains("5,000 characters, and the limit is 100", tooLong.Card!.ToJsonString(Readable));
            var topics = await Say(host, "Antwerp");
            Assert.Empty(await CardValidator.ErrorsAsync(topics.Card!));
            var language = await Say(host, "schools and education, families and parenting");
            Assert.Contains("\"language\"", language.Card!.ToJsonString());
            await Say(host, "English"); // the recommendation, with reasons
            var follow = await connector.MessageAsync(conversation, ++sent);
            Assert.Empty(await CardValidator.ErrorsAsync(follow.Card!));
            Assert.Contains("education", follow.Card!.ToJsonString());
            var summary = await Say(host, "Education");
            Assert.Empty(await CardValidator.ErrorsAsync(summary.Card!));
            Assert.Contains("Antwerp", summary.Card!.ToJsonString());

            var profile = await host.Services.GetRequiredService<ProfileStore>().GetAsync(userKey, CancellationToken.None);
            Assert.NotNull(profile);
            Assert.Equal("teacher", profile.Role);
            Assert.Null(profile.Country);
            Assert.Equal("Antwerp", profile.City);
            Assert.Equal(["schools-education", "families-parenting"], profile.Topics);
            Assert.Equal("en", profile.Language);
            Assert.Equal(["education"], await host.Services.GetRequiredService<FollowStore>().GroupsAsync(userKey, CancellationToken.None));
            sent++; // the help text after the summary card
        }

        await using (var host = await BotHost.StartAsync(dir: data))
        {
            var profile = await Say(host, "profile");
            Assert.Contains("Antwerp", profile.Card!.ToJsonString());
            Assert.Contains("Education", profile.Card!.ToJsonString());

            await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, null, new JsonObject
            {
                ["action"] = "feedback", ["helpful"] = true, ["documentId"] = "local-action-plan", ["question"] = "a question",
            }));
            await connector.MessageAsync(conversation, ++sent);

            var confirm = await Say(host, "forget me");
            Assert.Empty(await CardValidator.ErrorsAsync(confirm.Card!));
            var done = await Say(host, "yes");
            Assert.Contains("everything I kept about you is erased", done.Text);

            Assert.Null(await host.Services.GetRequiredService<ProfileStore>().GetAsync(userKey, CancellationToken.None));
            Assert.Empty(await host.Services.GetRequiredService<FollowStore>().GroupsAsync(userKey, CancellationToken.None));
        }

        await using var db = new SqliteConnection($"Data Source={data.File("bot.db")}");
        await db.OpenAsync();
        long Count(string sql)
        {
            using var command = db.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$k", userKey);
            command.Parameters.AddWithValue("$c", "%" + conversation + "%");
            return (long)command.ExecuteScalar()!;
        }
        Assert.Equal(0, Count("SELECT COUNT(*) FROM profiles WHERE user_key = $k"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM follows WHERE user_key = $k"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM feedback WHERE user_key = $k"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM bot_state WHERE key LIKE $c"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM erasures"));
        await db.CloseAsync();

        // Erased means gone from the files too: no copy left in free space or in the write-ahead log.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(data.Path, "bot.db*"))
            Assert.False(File.ReadAllText(file, System.Text.Encoding.Latin1).Contains("Antwerp"), $"'{Path.GetFileName(file)}' still holds the erased city");
    }

    [Fact]
    public async Task FrenchLocale_GetsTheWelcomeInFrench()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync();
        var conversation = BotFixture.NewConversation();
        await host.PostActivityAsync(Activities.PersonalInstall(connector.ServiceUrl, conversation, "fr-FR"));
        var privacy = await connector.MessageAsync(conversation, 2);
        Assert.Contains("Oui", privacy.Card!.ToJsonString());
    }

    [Fact]
    public async Task Cancel_InTheMiddle_SavesNothing()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync();
        var conversation = BotFixture.NewConversation();
        await host.PostActivityAsync(Activities.PersonalInstall(connector.ServiceUrl, conversation));
        await connector.MessageAsync(conversation, 2);
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "yes"));
        await connector.MessageAsync(conversation, 3);
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "cancel"));
        Assert.Contains("Nothing from these questions was saved", (await connector.MessageAsync(conversation, 4)).Text);
        Assert.Null(await host.Services.GetRequiredService<ProfileStore>().GetAsync(UserKey.For("msteams", "29:user-" + conversation), CancellationToken.None));
    }
}
