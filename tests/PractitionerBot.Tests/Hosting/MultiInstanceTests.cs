using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Members;
using PractitionerBot.Tests.Infrastructure;
using static PractitionerBot.Tests.Announcements.AnnouncementEndToEndTests;

namespace PractitionerBot.Tests.Hosting;

/// <summary>Two bot instances behind a load balancer, sharing one PostgreSQL database.</summary>
public sealed class MultiInstanceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Followers = 2_000;
    private const int RatePerSecond = 100;

    [PostgresFact]
    public async Task Publish_OnTwoInstancesWithOneStoppedMidway_EveryFollowerGetsTheCardOnceWithinTheSharedRate()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var connector = await MockBotConnector.StartAsync();
        connector.LimitRate(RatePerSecond);
        var settings = new Dictionary<string, string>(Keys)
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = database.ConnectionString,
            // A tenth below the connector's limit, as an operator sets it (the default 40 under Teams' 50): sends start evenly
            // spaced, but arrive with network and scheduling jitter, and a busy test machine can bunch a few into one second.
            ["Announcements:GlobalRatePerSecond"] = (RatePerSecond * 9 / 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Announcements:LeaseSeconds"] = "5",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var first = await BotHost.StartAsync(settings);
        await using var second = await BotHost.StartAsync(settings);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await SeedFollowersAsync(second, connector.ServiceUrl);
        output.WriteLine($"seeded {Followers} followers in {clock.Elapsed.TotalSeconds:F1} s");

        var firstStopped = false;
        string id;
        try
        {
            var created = await (await Api(first, HttpMethod.Post, "/api/announcements", PublisherKey, Event())).Content.ReadFromJsonAsync<JsonObject>();
            id = created!["id"]!.GetValue<string>();
            (await Api(first, HttpMethod.Post, $"/api/announcements/{id}/publish", PublisherKey)).EnsureSuccessStatusCode();

            await connector.WaitForAsync(IsCard, count: Followers / 3, timeout: TimeSpan.FromSeconds(120));
            output.WriteLine($"a third delivered at {clock.Elapsed.TotalSeconds:F1} s; stopping the first instance");
            firstStopped = true;
            await first.DisposeAsync(); // mid-send: the rows it had claimed but not sent stay leased until the lease runs out
        }
        finally
        {
            if (!firstStopped) await first.DisposeAsync();
        }

        await connector.WaitForAsync(IsCard, count: Followers, timeout: TimeSpan.FromSeconds(120));
        output.WriteLine($"all delivered at {clock.Elapsed.TotalSeconds:F1} s; at most {connector.MaxInAnySecond()} in any second");
        var status = await Eventually.Until(() => Status(second, id), s => s["delivery"]!["delivered"]!.GetValue<int>() == Followers,
            TimeSpan.FromSeconds(30));
        Assert.Equal(Followers, status["delivery"]!["delivered"]!.GetValue<int>());
        Assert.Equal(0, status["delivery"]!["pending"]!.GetValue<int>());

        var cards = connector.All.Where(IsCard).GroupBy(a => a.ConversationId).ToList();
        Assert.Equal(Followers, cards.Count);
        Assert.All(cards, c => Assert.Single(c));
        Assert.DoesNotContain(connector.All, a => a.RefusedWith == 429);
        Assert.InRange(connector.MaxInAnySecond(), 1, RatePerSecond);
    }

    [PostgresFact]
    public async Task Onboarding_WithEachMessageOnTheOtherInstance_ContinuesWhereTheMemberWas()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var connector = await MockBotConnector.StartAsync();
        var settings = new Dictionary<string, string> { ["Storage:Provider"] = "postgres", ["Storage:ConnectionString"] = database.ConnectionString };
        await using var one = await BotHost.StartAsync(settings);
        await using var other = await BotHost.StartAsync(settings);
        var conversation = BotFixture.NewConversation();
        var sent = 0;
        async Task<ReceivedActivity> Say(BotHost host, string? text, JsonObject? value = null)
        {
            await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, text, value));
            return await connector.MessageAsync(conversation, ++sent);
        }

        await one.PostActivityAsync(Activities.PersonalInstall(connector.ServiceUrl, conversation));
        sent += 2;
        Assert.Contains("Your privacy", (await connector.MessageAsync(conversation, 2)).Card!.ToJsonString());
        var role = await Say(other, null, new JsonObject { ["dialog"] = "onboarding", ["step"] = "privacy", ["answer"] = "yes" });
        Assert.Contains("\"role\"", role.Card!.ToJsonString());
        var country = await Say(one, "Teacher");
        Assert.Contains("\"country\"", country.Card!.ToJsonString());
        var city = await Say(other, "Belgium");
        Assert.Contains("\"city\"", city.Card!.ToJsonString());
    }

    private static bool IsCard(ReceivedActivity a) => a.Type == "message" && a.RefusedWith is null && a.Card is not null;

    /// <summary>Members who follow Local and whose personal chats the bot knows (as if each had written to it once).</summary>
    private static async Task SeedFollowersAsync(BotHost host, string serviceUrl)
    {
        var follows = host.Services.GetRequiredService<FollowStore>();
        var registry = host.Services.GetRequiredService<ConversationRegistry>();
        await Parallel.ForAsync(0, Followers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var user = UserKey.For("msteams", $"29:member-{i:D5}");
            var conversation = $"a:personal-{i:D5}";
            var reference = new JsonObject
            {
                ["channelId"] = "msteams", ["serviceUrl"] = serviceUrl,
                ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
                ["bot"] = new JsonObject { ["id"] = "28:bot" }, ["user"] = new JsonObject { ["id"] = $"29:member-{i:D5}" },
            }.ToJsonString();
            await follows.FollowAsync(user, "local", ct);
            await registry.RememberAsync(user, conversation, reference, ct);
        });
    }
}
