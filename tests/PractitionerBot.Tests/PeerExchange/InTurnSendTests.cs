using System.Net;
using System.Text.Json.Nodes;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.PeerExchange;

/// <summary>Sends a member's turn waits for (a peer's answer relayed to the asker) are bounded: a hung chat never holds the turn.</summary>
public sealed class InTurnSendTests
{
    [Fact]
    public async Task PeerAnswer_WhenTheAskersChatHangs_TheAnswererGetsTheCardBackSayingItIsSaved()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string> { ["Connector:InTurnSendSeconds"] = "1" });
        var channel = $"19:channel-{Guid.NewGuid():N}@thread.tacv2";
        await host.PostActivityAsync(Activities.ChannelMessage(connector.ServiceUrl, channel, "link local"));
        await connector.MessageAsync($"{channel};messageid=1700000000000");
        var asker = BotFixture.NewConversation();
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, asker, null, new JsonObject
        {
            ["action"] = "postPeerQuestion", ["group"] = "local", ["question"] = "Who runs the local prevention network in your city?", ["anonymous"] = "false",
        }));
        var posted = await connector.MessageAsync(channel);
        var questionId = posted.Card!["actions"]![0]!["data"]!["questionId"]!.GetValue<string>();
        await connector.MessageAsync(asker);

        connector.HangOn(a => a.ConversationId == asker);
        var (status, body) = await host.InvokeAsync(Activities.Execute(connector.ServiceUrl, channel, "peerAnswer",
            new JsonObject { ["questionId"] = questionId, ["answer"] = "The city's prevention officer." }));

        Assert.Equal(HttpStatusCode.OK, status);
        var card = body!["value"]!.AsObject();
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        Assert.Contains("your answer is saved", card.ToJsonString());
        Assert.Contains(connector.All, a => a.ConversationId == asker && a.Hung);
    }
}
