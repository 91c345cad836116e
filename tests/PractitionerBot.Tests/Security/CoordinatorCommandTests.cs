using System.Text.Json.Nodes;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Security;

public sealed class CoordinatorFixture : IAsyncLifetime
{
    public const string Coordinator = "29:coordinator";
    public const string Member = "29:member";

    public MockBotConnector Connector { get; private set; } = null!;
    public BotHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await MockBotConnector.StartAsync();
        // Activities.ChannelMessage gives each user the AAD object id "aad-" + their id.
        Host = await BotHost.StartAsync(new Dictionary<string, string> { ["Roles:Coordinators:0"] = "aad-" + Coordinator });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

/// <summary>link, unlink and announce are for coordinators (Roles:Coordinators) only; the refusals change nothing.</summary>
public sealed class CoordinatorCommandTests(CoordinatorFixture f) : IClassFixture<CoordinatorFixture>
{
    private int _sent;

    private async Task<string> SayInChannelAsync(string channel, string text, string user)
    {
        await f.Host.PostActivityAsync(Activities.ChannelMessage(f.Connector.ServiceUrl, channel, text, user, "Someone"));
        return (await f.Connector.MessageAsync($"{channel};messageid=1700000000000", ++_sent)).Text!;
    }

    private static string NewChannel() => $"19:channel-{Guid.NewGuid():N}@thread.tacv2";

    [Fact]
    public async Task Link_ByANonCoordinator_IsRefused_AndTheChannelStaysUnlinked()
    {
        var channel = NewChannel();
        Assert.Contains("Only coordinators can link", await SayInChannelAsync(channel, "link local", CoordinatorFixture.Member));
        Assert.Contains("not linked", await SayInChannelAsync(channel, "unlink", CoordinatorFixture.Coordinator));
    }

    [Fact]
    public async Task Unlink_ByANonCoordinator_IsRefused_AndTheLinkStays()
    {
        var channel = NewChannel();
        Assert.Contains("now the **Local** channel", await SayInChannelAsync(channel, "link local", CoordinatorFixture.Coordinator));
        Assert.Contains("Only coordinators can unlink", await SayInChannelAsync(channel, "unlink", CoordinatorFixture.Member));
        Assert.Contains("no longer the", await SayInChannelAsync(channel, "unlink", CoordinatorFixture.Coordinator));
    }

    [Fact]
    public async Task Announce_ByANonCoordinator_IsRefused()
    {
        var channel = NewChannel();
        Assert.Contains("Only coordinators can announce", await SayInChannelAsync(channel, "announce", CoordinatorFixture.Member));
    }

    [Fact]
    public async Task AnnounceFlow_StartedByACoordinator_CannotBeAnsweredByAnotherMemberOfTheThread()
    {
        var channel = NewChannel();
        Assert.Contains("What would you like to announce?", await CardOrTextAsync(channel, "announce", CoordinatorFixture.Coordinator));
        // Each member has their own state in a shared thread: another member's "event" is their own message, not the coordinator's answer.
        var other = await CardOrTextAsync(channel, "event", CoordinatorFixture.Member);
        Assert.DoesNotContain("The title", other);
        Assert.DoesNotContain("What would you like to announce?", other);
        // The member's answer was not taken: the coordinator is still at the first step.
        Assert.Contains("The title", await CardOrTextAsync(channel, "event", CoordinatorFixture.Coordinator));
    }

    private async Task<string> CardOrTextAsync(string channel, string text, string user)
    {
        await f.Host.PostActivityAsync(Activities.ChannelMessage(f.Connector.ServiceUrl, channel, text, user, "Someone"));
        var reply = await f.Connector.MessageAsync($"{channel};messageid=1700000000000", ++_sent);
        return reply.Text ?? reply.Card?.ToJsonString() ?? reply.Body.ToJsonString();
    }
}
