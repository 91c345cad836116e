using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Insights;

/// <summary>"Forget me" through /api/messages takes the member's questions out of the insights.</summary>
public sealed class InsightsErasureTests
{
    [Fact]
    public async Task ForgetMe_RemovesTheMembersShare_AndATopicThenBelowThreeMembersDisappears()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string>
        {
            ["Admin:ApiKeys:0:Key"] = InsightsFixture.ReaderKey, ["Admin:ApiKeys:0:Role"] = "reader",
        });
        async Task<JsonNode> InsightsAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/insights?days=1");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", InsightsFixture.ReaderKey);
            return JsonNode.Parse(await (await host.Http.SendAsync(request)).Content.ReadAsStringAsync())!;
        }
        var sent = new Dictionary<string, int>();
        async Task<ReceivedActivity> SayAsync(string member, string text)
        {
            var activity = Activities.TeamsMessage(connector.ServiceUrl, "a:erase-" + member, text);
            activity["from"] = new JsonObject { ["id"] = "29:" + member, ["name"] = member };
            await host.PostActivityAsync(activity);
            sent[member] = sent.GetValueOrDefault(member) + 1;
            return await connector.MessageAsync("a:erase-" + member, sent[member]);
        }

        foreach (var member in new[] { "m1", "m2", "m3" })
        {
            await SayAsync(member, "best recipe for lasagne with spinach");
            await SayAsync(member, "best recipe for lasagne with spinach");
        }
        var before = await InsightsAsync();
        Assert.Equal(6, before["questions"]!["asked"]!.GetValue<int>());
        Assert.Equal(3, Assert.Single(before["unansweredTopics"]!.AsArray())!["members"]!.GetValue<int>());

        var confirm = await SayAsync("m2", "forget me");
        Assert.Empty(await CardValidator.ErrorsAsync(confirm.Card!));
        await SayAsync("m2", "yes");

        var after = await InsightsAsync();
        Assert.Equal(4, after["questions"]!["asked"]!.GetValue<int>());
        Assert.Empty(after["unansweredTopics"]!.AsArray());
    }
}
