using System.Text.Json.Nodes;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.PeerExchange;

/// <summary>
/// The peer exchange with Microsoft's own Teams test client: link the General channel, ask in the
/// personal chat, answer through the channel card, receive the answer, resolve, see the card updated.
/// </summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PlaygroundEndToEndTests
{
    [Fact]
    public async Task AskThePeers_FromPersonalChatToChannelAndBack()
    {
        await using var host = await BotHost.StartAsync();
        await using var teams = await Playground.StartAsync(host.MessagesEndpoint);
        var general = teams.Team; // the General channel's id is the team id
        var personal = teams.PersonalChat;

        await teams.SendAsync(general, "user-id-1", "link local", mentionBot: true);
        await teams.WaitForAsync("createMessage", (conversation, m) => conversation.StartsWith(general + ";messageid=", StringComparison.Ordinal)
                                                                     && m.Text().Contains("now the **Local** channel"));

        await teams.SendAsync(personal, "user-id-0", "How do we keep the mayor and council committed to our local prevention plan after an election?");
        var answer = await teams.WaitForAsync("createMessage", (c, m) => c == personal && m.Card() is not null);
        var ask = answer.Card()!.ActionData(t => t.StartsWith("Ask the ", StringComparison.Ordinal));
        Assert.Equal("local", ask["group"]!.GetValue<string>());

        await teams.SubmitAsync(personal, "user-id-0", answer.Id(), ask);
        var form = await teams.WaitForAsync("createMessage", (c, m) => c == personal && m.Card()?.ToJsonString().Contains("postPeerQuestion") == true);
        Assert.Empty(await CardValidator.ErrorsAsync(form.Card()!));
        var post = form.Card()!.ActionData(t => t.StartsWith("Post to", StringComparison.Ordinal));
        post["question"] = "How did other cities keep their mayor committed to the prevention plan after an election?";
        post["anonymous"] = "false";
        await teams.SubmitAsync(personal, "user-id-0", form.Id(), post);

        var question = await teams.WaitForAsync("createMessage", (c, m) => c == general && m.Card() is not null);
        var card = question.Card()!;
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        Assert.Contains("keep their mayor committed", card.ToJsonString());
        var questionId = card.ActionData(t => t == "Send answer")["questionId"]!.GetValue<string>();

        var response = await teams.ExecuteAsync($"{general};messageid={question.Id()}", "user-id-1", question.Id(), "peerAnswer",
            new JsonObject { ["questionId"] = questionId, ["answer"] = "We briefed every new council group in its first month." });
        Assert.Equal("application/vnd.microsoft.card.adaptive", response["type"]!.GetValue<string>());
        Assert.Contains("your answer was sent", response["value"]!.ToJsonString());

        var delivered = await teams.WaitForAsync("createMessage", (c, m) => c == personal && m.Card()?.ToJsonString().Contains("An answer to your question") == true);
        Assert.Contains("Megan Bowen", delivered.Card()!.ToJsonString());
        Assert.Contains("We briefed every new council group", delivered.Card()!.ToJsonString());

        await teams.SubmitAsync(personal, "user-id-0", delivered.Id(), delivered.Card()!.ActionData(t => t == "Mark resolved"));
        var updated = await teams.WaitForAsync("updateMessage", (c, m) => c == general && m.Id() == question.Id());
        Assert.Contains("Resolved · 1 answer", updated.Card()!.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
        Assert.Empty(await CardValidator.ErrorsAsync(updated.Card()!));
    }
}
