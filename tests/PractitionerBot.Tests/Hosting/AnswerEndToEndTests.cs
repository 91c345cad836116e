using System.Net;
using System.Text.Json.Nodes;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Hosting;

/// <summary>The real host on loopback, a Teams-shaped activity in, and what the Bot Connector receives.</summary>
public sealed class AnswerEndToEndTests(BotFixture bot) : IClassFixture<BotFixture>
{
    [Fact]
    public async Task Question_SendsTypingThenAValidAnswerCardWithPassageAndSource()
    {
        var conversation = BotFixture.NewConversation();
        var response = await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation,
            "How do I set up a local network against radicalisation?"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var reply = await bot.Connector.MessageAsync(conversation);
        var all = bot.Connector.All.Where(a => a.ConversationId == conversation).ToList();
        Assert.Equal("typing", all[0].Type);
        Assert.Equal("POST", reply.Method);

        var card = Assert.IsType<JsonObject>(reply.Card);
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        var text = card.ToJsonString();
        Assert.Contains("local prevention network", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Source: ", text);
        Assert.Contains("**network**", text); // the matching words are highlighted
        var actions = card["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList();
        Assert.Contains("Helpful", actions);
        Assert.Contains("Not helpful", actions);
    }

    [Fact]
    public async Task Question_WithSourceUrl_OffersOpenThePaper()
    {
        var conversation = BotFixture.NewConversation();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation,
            "What replaced RAN in 2024? The EU Knowledge Hub on Prevention of Radicalisation"));
        var card = (await bot.Connector.MessageAsync(conversation)).Card!;
        var open = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl");
        Assert.Equal("Open the paper", open!["title"]!.GetValue<string>());
        Assert.StartsWith("https://", open["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Question_WithNothingRelevant_SaysSoAndOffersAllTenGroups()
    {
        var conversation = BotFixture.NewConversation();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, "best recipe for lasagne with spinach"));
        var card = (await bot.Connector.MessageAsync(conversation)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        Assert.Contains("could not find a good answer", card.ToJsonString());
        var all = card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "All ten groups");
        Assert.Equal("groups", all!["data"]!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task WeakQuestionAboutAGroupsTopic_RecommendsThatGroupWithAReasonAndAskPeers()
    {
        var conversation = BotFixture.NewConversation();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation,
            "our probation officers want pizza recipes for the inmates party"));
        var card = (await bot.Connector.MessageAsync(conversation)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        var json = card.ToJsonString();
        Assert.Contains("could not find a good answer", json);
        Assert.Contains("Prison and Probation", json);
        var titles = card["body"]!.AsArray().OfType<JsonObject>().Where(e => e["type"]!.GetValue<string>() == "Container")
            .SelectMany(c => c["items"]!.AsArray()).OfType<JsonObject>().Where(e => e["type"]!.GetValue<string>() == "ActionSet")
            .SelectMany(a => a["actions"]!.AsArray()).Select(a => a!["title"]!.GetValue<string>()).ToList();
        Assert.Contains("Ask the P&P peers", titles);
    }

    [Fact]
    public async Task Slack_GetsTheSameAnswerAsMarkdownText()
    {
        var conversation = BotFixture.NewConversation();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation,
            "Which risk assessment tools exist for returnees?", channelId: "slack"));
        var reply = await bot.Connector.MessageAsync(conversation);
        Assert.Null(reply.Card);
        Assert.Contains("_Source: ", reply.Text);
        Assert.Contains("VERA-2", reply.Text);
    }

    [Fact]
    public async Task Feedback_FromTheCardIsStoredAndThanked()
    {
        var conversation = BotFixture.NewConversation();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, "running a tabletop exercise"));
        var card = (await bot.Connector.MessageAsync(conversation)).Card!;
        var helpful = card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Helpful")!["data"]!.AsObject();

        var store = (PractitionerBot.Feedback.IFeedbackStore)bot.Host.Services.GetService(typeof(PractitionerBot.Feedback.IFeedbackStore))!;
        var before = await store.SummaryAsync(CancellationToken.None);
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, null, helpful));
        var thanks = await bot.Connector.MessageAsync(conversation, count: 2);

        Assert.Contains("Thanks", thanks.Text);
        var after = await store.SummaryAsync(CancellationToken.None);
        Assert.Equal(before.Helpful + 1, after.Helpful);
    }

    [Fact]
    public async Task Groups_ListsAllTenWorkingGroups()
    {
        var conversation = BotFixture.NewConversation();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, "groups"));
        var card = (await bot.Connector.MessageAsync(conversation)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        foreach (var name in new[] { "Communication and Narratives", "Education", "EXIT", "Health and Social Care", "Prison and Probation",
                     "Local", "Police", "Remembrance of Victims", "Youth, Families and Communities", "RAN Young" })
            Assert.Contains($"\"{name}\"", card.ToJsonString());
    }

    [Fact]
    public async Task Healthz_IsReadyOnceTheIndexIsOpen()
    {
        var response = await bot.Host.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ready", await response.Content.ReadAsStringAsync());
    }
}

public sealed class LanguageTests(BotFixture bot) : IClassFixture<BotFixture>
{
    /// <summary>The language of the question decides (no profile here); the Teams locale only when the text does not say.</summary>
    [Theory]
    [InlineData("de-DE", "How do we run a tabletop exercise with the police and the schools?", "en")]
    [InlineData("nl-BE", "How do we run a tabletop exercise with the police and the schools?", "en")]
    [InlineData("en-US", "Comment organiser un exercice sur table avec la police et les écoles ?", "fr")]
    [InlineData("fr-FR", "Hoe organiseren we een tabletop-oefening met de politie en de scholen?", "nl")]
    public async Task AnswerCard_SpeaksTheLanguageOfTheQuestion(string locale, string question, string language)
    {
        var texts = PractitionerBot.Localization.BotTexts.Load(Path.Combine(RepoPaths.Root, "dialogs", "texts.yaml"));
        var conversation = BotFixture.NewConversation();
        var activity = Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, question);
        activity["locale"] = locale;
        await bot.Host.PostActivityAsync(activity);
        var card = (await bot.Connector.MessageAsync(conversation)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        var json = card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.True(json.Contains(texts.Get("answerFromPapers", language)) || json.Contains(texts.Get("noAnswerTitle", language)),
            $"expected {language} labels: {json[..Math.Min(300, json.Length)]}");
        if (language != "en") Assert.DoesNotContain(texts.Get("answerFromPapers", "en"), json);
    }
}
