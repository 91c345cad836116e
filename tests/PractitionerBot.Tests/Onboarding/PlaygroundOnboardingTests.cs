using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Members;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Onboarding;

/// <summary>Onboarding with Microsoft's local Teams client: install, answer, restart the bot, forget me.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PlaygroundOnboardingTests
{
    [Fact]
    public async Task Install_Onboard_Restart_ForgetMe()
    {
        using var data = new TempDir();
        var host = await BotHost.StartAsync(dir: data);
        // The playground knows the bot by its address: the restarted bot takes the port the first one was given.
        var settings = new Dictionary<string, string> { ["urls"] = host.Http.BaseAddress!.GetLeftPart(UriPartial.Authority) };
        await using var teams = await Playground.StartAsync(host.MessagesEndpoint);
        var chat = teams.PersonalChat;
        var userKey = UserKey.For("msteams", teams.Config["currentUser"]!["id"]!.GetValue<string>());
        var seen = 0;

        async Task<string> Answer(string text)
        {
            await teams.SendAsync(chat, "user-id-0", text);
            var reply = await teams.NthAsync(chat, ++seen);
            return reply.Text() + reply.Card()?.ToJsonString();
        }

        try
        {
            await teams.InstallAsync(chat);
            Assert.Contains("skip", (await teams.NthAsync(chat, ++seen)).Text());
            var privacy = await teams.NthAsync(chat, ++seen);
            Assert.Empty(await CardValidator.ErrorsAsync(privacy.Card()!));

            Assert.Contains("\"role\"", await Answer("yes"));
            Assert.Contains("\"country\"", await Answer("Police officer"));
            Assert.Contains("\"city\"", await Answer("Belgium"));
            Assert.Contains("\"topics\"", await Answer("Ghent"));
            Assert.Contains("\"language\"", await Answer("right-wing extremism, online extremism"));
            await Answer("Nederlands");                       // the recommendation, in Dutch from now on
            var follow = await teams.NthAsync(chat, ++seen);
            Assert.Empty(await CardValidator.ErrorsAsync(follow.Card()!));
            Assert.Contains("police", follow.Card()!.ToJsonString());
            var summary = await Answer("1");
            Assert.Contains("Gent", summary.Replace("Ghent", "Gent"));
            seen++; // the help text after the summary

            var profile = await host.Services.GetRequiredService<ProfileStore>().GetAsync(userKey, CancellationToken.None);
            Assert.Equal(("police", "be", "Ghent", "nl"), (profile!.Role, profile.Country, profile.City, profile.Language));
            Assert.Equal(["police"], await host.Services.GetRequiredService<FollowStore>().GroupsAsync(userKey, CancellationToken.None));
        }
        finally
        {
            await host.DisposeAsync();
        }

        host = await BotHost.StartAsync(settings, data); // the bot process restarts on the same address
        try
        {
            await teams.NthAsync(chat, seen);
            var profile = await Answer("profile");
            Assert.Contains("Ghent", profile);
            Assert.Contains("Politie", profile); // the card speaks the member's language: Dutch

            Assert.Contains("\"dialog\":\"forget\"", await Answer("forget me"));
            await Answer("yes");
            Assert.Null(await host.Services.GetRequiredService<ProfileStore>().GetAsync(userKey, CancellationToken.None));
        }
        finally
        {
            await host.DisposeAsync();
        }

        await using var db = new SqliteConnection($"Data Source={data.File("bot.db")}");
        await db.OpenAsync();
        foreach (var table in new[] { "profiles", "follows", "feedback" })
        {
            await using var command = db.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE user_key = $k";
            command.Parameters.AddWithValue("$k", userKey);
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }
        await using var state = db.CreateCommand();
        state.CommandText = "SELECT COUNT(*) FROM bot_state WHERE key LIKE $c";
        state.Parameters.AddWithValue("$c", "%" + chat + "%");
        Assert.Equal(0L, (long)(await state.ExecuteScalarAsync())!);
    }
}
