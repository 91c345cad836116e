using System.Text.Json.Nodes;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Hosting;

/// <summary>Questions in French, German and Dutch over /api/messages: read in their language, answered from the English papers.</summary>
public sealed class CrossLingualEndToEndTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task GermanQuestion_FromAMemberWhoDeclinedAProfile_InAnEnglishLocale_GetsAGermanAnswerCard()
    {
        await using var connector = await MockBotConnector.StartAsync();
        using var data = new TempDir();
        await using var host = await BotHost.StartAsync(dir: data);
        var conversation = BotFixture.NewConversation();

        await host.PostActivityAsync(Activities.PersonalInstall(connector.ServiceUrl, conversation, locale: "en-US"));
        Assert.Contains("Your privacy", (await connector.MessageAsync(conversation, 2)).Card!.ToJsonString(Readable));
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, null,
            new JsonObject { ["dialog"] = "onboarding", ["step"] = "privacy", ["answer"] = "no" }));
        Assert.Contains("will not keep a profile", (await connector.MessageAsync(conversation, 3)).Text);

        var question = Activities.TeamsMessage(connector.ServiceUrl, conversation,
            "Wie kann ich als Lehrer auf extremistische Äußerungen im Unterricht reagieren?");
        Assert.Equal("en-US", question["locale"]!.GetValue<string>());
        await host.PostActivityAsync(question);
        var card = (await connector.MessageAsync(conversation, 4)).Card!;

        Assert.Empty(await CardValidator.ErrorsAsync(card));
        var json = card.ToJsonString(Readable);
        Assert.Contains("Aus den RAN-Publikationen", json);
        Assert.Contains("Die Quelle ist auf Englisch", json);
        Assert.Contains("Reacting to an extremist remark in the classroom", json); // the English paper
        Assert.Contains("**class**", json); // the English words that match the German ones are highlighted
        Assert.Contains("Quelle: ", json);
        var actions = card["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList();
        Assert.Contains("Hilfreich", actions);
        Assert.Contains("Nicht hilfreich", actions);
    }

    [Fact]
    public async Task OffTopicFrenchQuestion_GetsTheNoAnswerCardAndRecommendationsInFrench()
    {
        await using var connector = await MockBotConnector.StartAsync();
        using var data = new TempDir();
        await using var host = await BotHost.StartAsync(dir: data);
        var conversation = BotFixture.NewConversation();

        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation,
            "Nos agents de probation veulent des recettes de pizza pour la fête des détenus"));
        var card = (await connector.MessageAsync(conversation)).Card!;

        Assert.Empty(await CardValidator.ErrorsAsync(card));
        var json = card.ToJsonString(Readable);
        Assert.Contains("Je n'ai pas trouvé de bonne réponse", json);
        Assert.Contains("Prison et probation", json);
        Assert.DoesNotContain("no clear sign", json);
        Assert.DoesNotContain("mentions ", json);
    }

    [Fact]
    public async Task DutchQuestion_OnSlack_GetsTheNoteThatTheSourceIsInEnglish()
    {
        await using var connector = await MockBotConnector.StartAsync();
        using var data = new TempDir();
        await using var host = await BotHost.StartAsync(dir: data);
        var conversation = BotFixture.NewConversation();

        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation,
            "Hoe reageer ik als leraar op een extremistische opmerking in de klas?", channelId: "slack"));
        var reply = await connector.MessageAsync(conversation);

        Assert.Null(reply.Card);
        Assert.Contains("De bron is in het Engels", reply.Text);
        Assert.Contains("**", reply.Text);
    }
}
