using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Tests.Announcements;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Privacy;

/// <summary>
/// One member's whole life with the bot, through the real endpoint: onboarding, questions, feedback,
/// a question to the peers and its answer, an announcement and "Interested", then "forget me".
/// Everything they typed or are called must stay out of the logs at Information level and above.
/// </summary>
public sealed class PrivacyLogTests
{
    private const string MemberName = "Wilhelmina Oosterhuis-Vandenberghe";
    private const string MemberAad = "7f3c2a91-5b4e-4d0a-9c61-2e8b7f0d4a13";
    private const string PeerName = "Bartholomeus Quackenbosch";
    private const string PeerAad = "c0ffee11-2222-4333-8444-555566667777";
    private const string CoordinatorName = "Ermengarde Pfeiffenberger";
    private const string City = "Zwijndrecht-Burcht";
    private const string Email = "w.oosterhuis@gemeente-example.nl";
    private const string Question = "A pupil called Mohammed-Yassin Verhoeven shares attack videos, what should our school do?";
    private const string PeerQuestion = "Has anyone worked with the family of Kasimir Lindqvist after his brother left for Syria?";
    private const string PeerAnswer = "We met the Lindqvist family with the imam from the Brugstraat mosque twice.";

    [Fact]
    public async Task FullScenario_NoMessageTextNameEmailOrAadIdReachesTheLogs()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(AnnouncementEndToEndTests.Keys);
        var member = BotFixture.NewConversation();
        var sent = 0;

        JsonObject FromMember(string? text, JsonObject? value = null)
        {
            var activity = Activities.TeamsMessage(connector.ServiceUrl, member, text, value);
            activity["from"] = new JsonObject { ["id"] = "29:member-" + member, ["name"] = MemberName, ["aadObjectId"] = MemberAad };
            return activity;
        }

        async Task<ReceivedActivity> Say(string? text, JsonObject? value = null)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(FromMember(text, value))).StatusCode);
            return await connector.MessageAsync(member, ++sent);
        }

        // Onboarding with consent, a city, topics and a followed group.
        var install = Activities.PersonalInstall(connector.ServiceUrl, member);
        install["from"] = new JsonObject { ["id"] = "29:member-" + member, ["name"] = MemberName, ["aadObjectId"] = MemberAad };
        await host.PostActivityAsync(install);
        sent += 2;
        await connector.MessageAsync(member, sent);
        await Say(null, new JsonObject { ["dialog"] = "onboarding", ["step"] = "privacy", ["answer"] = "yes" });
        await Say("Teacher");
        await Say("Belgium");
        await Say(City);
        await Say("schools and education");
        await Say("English");
        sent++; // the recommendation comes as text and card
        await Say("Education");
        var summary = await connector.MessageAsync(member, sent);
        Assert.Contains(City, summary.Card!.ToJsonString());
        sent++; // help after the summary
        Assert.Contains("Local", (await Say("follow local")).Text);

        // A question with a name and an e-mail address in it, then feedback on the answer.
        var answer = await Say($"{Question} My e-mail is {Email}.");
        Assert.NotNull(answer.Card);
        await Say(null, new JsonObject { ["action"] = "feedback", ["helpful"] = false, ["documentId"] = "edu-extremist-remark-in-class", ["question"] = Question });

        // A coordinator links the Local channel; the member asks its peers; a peer answers; the member resolves.
        var channel = $"19:channel-{Guid.NewGuid():N}@thread.tacv2";
        await host.PostActivityAsync(Activities.ChannelMessage(connector.ServiceUrl, channel, "link local", "29:coordinator", CoordinatorName));
        await connector.MessageAsync($"{channel};messageid=1700000000000");
        await Say(null, new JsonObject { ["action"] = "postPeerQuestion", ["group"] = "local", ["question"] = PeerQuestion, ["anonymous"] = "false" });
        var posted = await connector.MessageAsync(channel);
        var questionId = posted.Card!["actions"]!.AsArray().Single()!["data"]!["questionId"]!.GetValue<string>();
        var execute = Activities.Execute(connector.ServiceUrl, channel, "peerAnswer",
            new JsonObject { ["questionId"] = questionId, ["answer"] = PeerAnswer }, "29:peer-b", PeerName);
        execute["from"]!["aadObjectId"] = PeerAad;
        Assert.Equal(HttpStatusCode.OK, (await host.InvokeAsync(execute)).Status);
        var delivered = await connector.MessageAsync(member, ++sent);
        Assert.Contains(PeerAnswer, delivered.Card!.ToJsonString());
        var resolve = delivered.Card!["actions"]!.AsArray().Single()!["data"]!.AsObject();
        await Say(null, (JsonObject)resolve.DeepClone());

        // An announcement reaches the member (a Local follower); they mark it "Interested".
        var created = await AnnouncementEndToEndTests.Api(host, HttpMethod.Post, "/api/announcements", AnnouncementEndToEndTests.PublisherKey,
            AnnouncementEndToEndTests.Event());
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await AnnouncementEndToEndTests.Api(host, HttpMethod.Post, $"/api/announcements/{id}/publish", AnnouncementEndToEndTests.PublisherKey);
        var card = await connector.MessageAsync(member, ++sent);
        var interested = Activities.Execute(connector.ServiceUrl, member, "interested", new JsonObject { ["announcementId"] = id }, "29:member-" + member, MemberName);
        interested["conversation"]!["conversationType"] = "personal";
        interested["from"]!["aadObjectId"] = MemberAad;
        Assert.Equal(HttpStatusCode.OK, (await host.InvokeAsync(interested)).Status);
        Assert.Contains("Local P/CVE strategies", card.Card!.ToJsonString());

        // Profile, then erasure.
        Assert.Contains(City, (await Say("profile")).Card!.ToJsonString());
        await Say("forget me");
        Assert.Contains("erased", (await Say("yes")).Text);

        var logged = string.Join("\n", host.Logs.AtOrAbove(LogLevel.Information));
        Assert.Contains("erased on request", logged); // the scenario really ran through the logged paths
        foreach (var secret in new[]
                 {
                     MemberName, "Oosterhuis", MemberAad, PeerName, "Quackenbosch", PeerAad, CoordinatorName, "Pfeiffenberger",
                     City, Email, "gemeente-example", "Verhoeven", "attack videos", "Lindqvist", "Brugstraat", "Syria",
                     AnnouncementEndToEndTests.PublisherKey, AnnouncementEndToEndTests.ReaderKey,
                 })
            Assert.False(logged.Contains(secret, StringComparison.OrdinalIgnoreCase), $"the logs contain '{secret}'");
        // No e-mail address of any kind (Teams channel ids such as 19:…@thread.tacv2 are not addresses).
        Assert.DoesNotMatch(@"[\w.+-]+@(?!thread\.)[\w-]+\.[A-Za-z]{2,}", logged);
    }
}
