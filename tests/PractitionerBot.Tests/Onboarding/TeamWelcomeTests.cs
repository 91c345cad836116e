using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Members;
using PractitionerBot.Onboarding;
using PractitionerBot.Storage;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Onboarding;

/// <summary>Members added to a team: welcomed 1:1 through the welcomes outbox, after the turn, under Teams' rates.</summary>
public sealed class TeamWelcomeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task MemberAddedToATeam_GetsTheWelcomeInA1to1ChatNotInTheChannel()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync();
        var channel = NewChannel();

        var update = MembersAdded(connector.ServiceUrl, channel, "29:newcomer");
        update["conversation"]!.AsObject().Remove("tenantId"); // the tenant then comes from the channel data only
        var response = await host.PostActivityAsync(update);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        var welcome = await connector.MessageAsync("a:personal-29:newcomer", 2);
        Assert.Empty(await CardValidator.ErrorsAsync(welcome.Card!));
        var created = Assert.Single(connector.CreatedConversations);
        Assert.Equal("29:newcomer", created.Member);
        Assert.Equal("tenant-1", created.Request["tenantId"]?.GetValue<string>());
        Assert.DoesNotContain(connector.All, a => a.ConversationId.StartsWith(channel, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MembersAdded_ThreeHundredThroughAConnectorThatThrottlesAndFails_EachGetsExactlyOneWelcomeAndTheirReplyContinuesIt()
    {
        const int members = 300;
        await using var connector = await MockBotConnector.StartAsync();
        connector.LimitRate(50, perConversation: 7);
        var calls = 0;
        // 3% of sends and of chat creations fail with 500, as a busy Teams does.
        connector.FailWith(a => a.Type is "message" or "" && Interlocked.Increment(ref calls) % 33 == 0 ? 500 : null);
        await using var host = await BotHost.StartAsync(new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" });
        var ids = Enumerable.Range(0, members).Select(i => $"29:m{i:D3}").ToArray();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var response = await host.PostActivityAsync(MembersAdded(connector.ServiceUrl, NewChannel(), ids));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        output.WriteLine($"conversationUpdate with {members} members answered in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(0, connector.MemberLookups); // the turn asked Teams nothing about each member

        static bool Welcome(ReceivedActivity a) =>
            a.ConversationId.StartsWith("a:personal-29:m", StringComparison.Ordinal) && a.Type == "message" && a.RefusedWith is null;
        await connector.WaitForAsync(Welcome, count: members * 2, timeout: TimeSpan.FromSeconds(120));
        output.WriteLine($"all welcomed after {clock.Elapsed.TotalSeconds:F1} s; {connector.All.Count(a => a.RefusedWith == 429)} answered 429, "
                         + $"{connector.All.Count(a => a.RefusedWith == 500) + connector.RefusedCreates} failed");

        var store = host.Services.GetRequiredService<WelcomeStore>();
        var counts = await Eventually.Until(() => store.CountsAsync(Activities.TeamId, default), c => c.Delivered == members, TimeSpan.FromSeconds(30));
        Assert.Equal(new WelcomeCounts(0, members, 0, 0, 0), counts);
        var perMember = connector.All.Where(Welcome).GroupBy(a => a.ConversationId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(members, perMember.Count);
        Assert.All(perMember.Values, sent => Assert.Equal(2, sent.Count)); // the welcome and the privacy question, once each
        Assert.All(perMember.Values, sent => Assert.Contains("Welcome!", sent[0].Text));
        Assert.Empty(await CardValidator.ErrorsAsync(perMember["a:personal-29:m007"][1].Card!));

        // The onboarding state is in the member's personal chat: their first answer continues the flow.
        connector.FailWith(null);
        var reply = Activities.TeamsMessage(connector.ServiceUrl, "a:personal-29:m007", null,
            new JsonObject { ["dialog"] = "onboarding", ["step"] = "privacy", ["answer"] = "yes" });
        reply["from"] = new JsonObject { ["id"] = "29:m007", ["aadObjectId"] = "aad-29:m007" };
        await host.PostActivityAsync(reply);
        var role = await connector.MessageAsync("a:personal-29:m007", 3);
        Assert.Contains("\"role\"", role.Card!.ToJsonString());
    }

    [Fact]
    public async Task MembersAdded_AgainOrWithAProfile_AreNotWelcomedAgain()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync();
        await host.Services.GetRequiredService<ProfileStore>().SaveAsync(
            new MemberProfile(UserKey.For("msteams", "29:known"), "teacher", null, "BE", null, [], "en", DateTimeOffset.UtcNow, null), default);
        var channel = NewChannel();

        await host.PostActivityAsync(MembersAdded(connector.ServiceUrl, channel, "29:a", "29:b", "29:known"));
        await connector.MessageAsync("a:personal-29:a", 2);
        await connector.MessageAsync("a:personal-29:b", 2);
        var store = host.Services.GetRequiredService<WelcomeStore>();
        await Eventually.Until(() => store.CountsAsync(Activities.TeamId, default), c => c.Delivered == 2, TimeSpan.FromSeconds(30));

        // The same members again (Teams repeats an activity it got no answer to; or they left and came back).
        await host.PostActivityAsync(MembersAdded(connector.ServiceUrl, channel, "29:a", "29:b", "29:known"));
        Assert.Equal(new WelcomeCounts(0, 2, 0, 0, 0), await store.CountsAsync(Activities.TeamId, default));
        Assert.Equal(["29:a", "29:b"], connector.CreatedConversations.Select(c => c.Member).Order());
    }

    [Fact]
    public async Task BotAddedToATeam_PostsOneShortWelcomeInTheChannel_AndWithPrivateWelcomesOff_NoMemberIsMessaged()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string> { ["Onboarding:WelcomeTeamMembers"] = "false" });
        var channel = NewChannel();

        await host.PostActivityAsync(MembersAdded(connector.ServiceUrl, channel, "28:bot", "29:owner", "29:member"));
        var welcome = await connector.MessageAsync(channel);
        Assert.Contains("Hello, team!", welcome.Text);
        await host.PostActivityAsync(MembersAdded(connector.ServiceUrl, channel, "28:bot"));

        var database = host.Services.GetRequiredService<Database>();
        var rows = await Eventually.Until(() => database.QueryAsync("SELECT kind, status FROM welcomes;", r => (r.GetString(0), r.GetString(1)), default),
            r => r.All(x => x.Item2 == "Delivered"), TimeSpan.FromSeconds(30));
        Assert.Equal(("channel", "Delivered"), Assert.Single(rows));
        Assert.Single(connector.All, a => a.Type == "message");
        Assert.Empty(connector.CreatedConversations);
    }

    private static string NewChannel() => $"19:channel-{Guid.NewGuid():N}@thread.tacv2";

    /// <summary>What Teams sends when people (or the bot, <c>28:bot</c>) are added to a team.</summary>
    private static JsonObject MembersAdded(string serviceUrl, string channel, params string[] memberIds)
    {
        var update = Activities.ChannelMessage(serviceUrl, channel, "");
        update.Remove("text");
        update.Remove("entities");
        update["type"] = "conversationUpdate";
        update["conversation"] = new JsonObject { ["id"] = channel, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = "tenant-1" };
        update["membersAdded"] = new JsonArray(memberIds.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["aadObjectId"] = "aad-" + id }).ToArray());
        update["channelData"]!["eventType"] = "teamMemberAdded";
        return update;
    }
}
