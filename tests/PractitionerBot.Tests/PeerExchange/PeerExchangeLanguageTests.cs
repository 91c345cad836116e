using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Members;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.PeerExchange;

/// <summary>Peer exchange in the member's language: their replies and the answers delivered to them; the channel card stays English.</summary>
public sealed class PeerExchangeLanguageTests(BotFixture bot) : IClassFixture<BotFixture>
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task FrenchAsker_GetsTheAnswerCardInFrench_WhileTheChannelCardStaysEnglish()
    {
        var channel = $"19:channel-{Guid.NewGuid():N}@thread.tacv2";
        await bot.Host.PostActivityAsync(Activities.ChannelMessage(bot.Connector.ServiceUrl, channel, "link local"));
        await bot.Connector.MessageAsync($"{channel};messageid=1700000000000");
        var asker = BotFixture.NewConversation();
        await SaveProfileAsync(asker, language: "fr", country: "fr");

        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, asker, null, new JsonObject
        {
            ["action"] = "postPeerQuestion", ["group"] = "local", ["question"] = "Comment garder le maire engagé après une élection ?",
        }));
        var channelCard = (await bot.Connector.MessageAsync(channel)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(channelCard));
        Assert.Contains("Question for the Local peers", channelCard.ToJsonString(Readable));
        Assert.Contains("Send answer", channelCard.ToJsonString(Readable));
        Assert.StartsWith("Votre question est publiée dans le canal du groupe **Local**", (await bot.Connector.MessageAsync(asker)).Text);

        var questionId = channelCard["actions"]!.AsArray().Single()!["data"]!["questionId"]!.GetValue<string>();
        var (_, refreshed) = await bot.Host.InvokeAsync(Activities.Execute(bot.Connector.ServiceUrl, channel, "peerAnswer",
            new JsonObject { ["questionId"] = questionId, ["answer"] = "Nous avons rencontré chaque nouveau groupe du conseil." }));
        Assert.Contains("Thank you: your answer was sent", refreshed!["value"]!.ToJsonString(Readable));

        var answerCard = (await bot.Connector.MessageAsync(asker, count: 2)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(answerCard));
        var json = answerCard.ToJsonString(Readable);
        Assert.Contains("Une réponse à votre question aux pairs du groupe Local", json);
        Assert.Contains("\"title\":\"Réponse de\",\"value\":\"Pat Peer\"", json);
        Assert.Contains("Votre question : Comment garder le maire", json);
        Assert.Contains("\"title\":\"Marquer comme résolue\"", json);
        Assert.DoesNotContain("An answer to your question", json);

        var resolve = answerCard["actions"]!.AsArray().Single()!["data"]!.AsObject();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, asker, null, (JsonObject)resolve.DeepClone()));
        Assert.StartsWith("Marquée comme résolue.", (await bot.Connector.MessageAsync(asker, count: 3)).Text);
        var update = await bot.Connector.WaitForAsync(a => a.ConversationId == channel && a.Method == "PUT");
        Assert.Contains("Resolved · 1 answer", update.Card!.ToJsonString(Readable));
    }

    [Fact]
    public async Task MemberWithoutProfile_GetsTheAskFormAndItsLimitInTheTeamsLocale()
    {
        var asker = BotFixture.NewConversation();
        var activity = Activities.TeamsMessage(bot.Connector.ServiceUrl, asker, null, new JsonObject
        {
            ["action"] = "postPeerQuestion", ["group"] = "police", ["question"] = new string('q', 4_500),
        });
        activity["locale"] = "de-DE";
        await bot.Host.PostActivityAsync(activity);
        var form = (await bot.Connector.MessageAsync(asker)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(form));
        var json = form.ToJsonString(Readable);
        Assert.Contains("Peers der Gruppe Polizei fragen", json);
        Assert.Contains("Ihre Frage hat 4.500 Zeichen; die Grenze liegt bei 4.000.", json);
        Assert.Contains("\"label\":\"Ihre Frage\"", json);
        Assert.Contains("\"title\":\"Ohne meinen Namen posten\"", json);
    }

    [Fact]
    public async Task DutchMember_GetsTheEmptyAskFormInDutch()
    {
        var asker = BotFixture.NewConversation();
        await SaveProfileAsync(asker, language: "nl", country: "nl");
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, asker, null,
            new JsonObject { ["action"] = "askPeers", ["group"] = "youth-families-communities", ["question"] = "" }));
        var form = (await bot.Connector.MessageAsync(asker)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(form));
        var json = form.ToJsonString(Readable);
        Assert.Contains("Vraag het de vakgenoten van", json);
        Assert.Contains("Laat namen en details weg", json);
        Assert.Contains("\"title\":\"Plaatsen in het kanaal van", json);
    }

    [Fact]
    public async Task AnswerButtonWithoutQuestion_TellsThePeerInTheirTeamsLocale()
    {
        var activity = Activities.Execute(bot.Connector.ServiceUrl, $"19:channel-{Guid.NewGuid():N}@thread.tacv2", "peerAnswer", new JsonObject(),
            userId: "29:peer-" + Guid.NewGuid().ToString("N")[..8]);
        activity["locale"] = "fr-FR";
        var (_, body) = await bot.Host.InvokeAsync(activity);
        Assert.Equal("Il manque à cette carte la question à laquelle elle se rapporte ; rien n'a été enregistré.", body!["value"]!.GetValue<string>());
    }

    private Task SaveProfileAsync(string conversation, string language, string country) =>
        bot.Host.Services.GetRequiredService<ProfileStore>().SaveAsync(new MemberProfile(UserKey.For("msteams", "29:user-" + conversation),
            "youth-worker", null, country, null, [], language, DateTimeOffset.UtcNow, null), default);
}
