using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.PeerExchange;

/// <summary>Link a channel, ask its peers from a personal chat, answer through the card, resolve: over HTTP, as Teams would.</summary>
public sealed class PeerExchangeEndToEndTests(BotFixture bot) : IClassFixture<BotFixture>
{
    private static string NewChannel() => $"19:channel-{Guid.NewGuid():N}@thread.tacv2";

    private async Task<string> LinkAsync(string channel, string group)
    {
        await bot.Host.PostActivityAsync(Activities.ChannelMessage(bot.Connector.ServiceUrl, channel, $"link {group}"));
        var reply = await bot.Connector.MessageAsync($"{channel};messageid=1700000000000");
        return reply.Text!;
    }

    private static JsonObject Submit(string action, params (string Key, JsonNode? Value)[] fields)
    {
        var value = new JsonObject { ["action"] = action };
        foreach (var (key, v) in fields) value[key] = v;
        return value;
    }

    [Fact]
    public async Task AskAnswerResolve_GoesThroughTheChannelCardAndThePersonalChat()
    {
        var channel = NewChannel();
        Assert.Contains("now the **Local** channel", await LinkAsync(channel, "local"));

        var asker = BotFixture.NewConversation();
        const string question = "How did other cities keep their mayor committed to the prevention plan after an election?";
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, asker, null,
            Submit("postPeerQuestion", ("group", "local"), ("question", question), ("anonymous", "false"))));

        var posted = await bot.Connector.MessageAsync(channel);
        Assert.Null(posted.ReplyToId); // a new post at the top of the channel, not inside the linking thread
        var card = posted.Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        Assert.Contains(question, card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var execute = card["actions"]!.AsArray().Single()!;
        Assert.Equal("Action.Execute", execute["type"]!.GetValue<string>());
        var questionId = execute["data"]!["questionId"]!.GetValue<string>();
        Assert.Contains("posted in the **Local** channel", (await bot.Connector.MessageAsync(asker)).Text);

        var (status, body) = await bot.Host.InvokeAsync(Activities.Execute(bot.Connector.ServiceUrl, channel, "peerAnswer",
            new JsonObject { ["questionId"] = questionId, ["answer"] = "We briefed every new council group within a month." }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/vnd.microsoft.card.adaptive", body!["type"]!.GetValue<string>());
        var refreshed = body["value"]!.AsObject();
        Assert.Empty(await CardValidator.ErrorsAsync(refreshed));
        Assert.Contains("your answer was sent", refreshed.ToJsonString());
        Assert.Contains("1 answer", refreshed.ToJsonString());

        var delivered = await bot.Connector.MessageAsync(asker, count: 2);
        var answerCard = delivered.Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(answerCard));
        Assert.Contains("An answer to your question to the Local peers", answerCard.ToJsonString());
        Assert.Contains("\"title\":\"Answered by\",\"value\":\"Pat Peer\"", answerCard.ToJsonString());
        Assert.Contains("We briefed every new council group", answerCard.ToJsonString());

        var resolve = answerCard["actions"]!.AsArray().Single()!["data"]!.AsObject();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, asker, null, (JsonObject)resolve.DeepClone()));
        Assert.Contains("Marked as resolved", (await bot.Connector.MessageAsync(asker, count: 3)).Text);

        var update = await bot.Connector.WaitForAsync(a => a.ConversationId == channel && a.Method == "PUT");
        Assert.Equal(posted.ResponseId, update.ReplyToId);
        Assert.Empty(await CardValidator.ErrorsAsync(update.Card!));
        Assert.Contains("Resolved", update.Card!.ToJsonString());
        Assert.DoesNotContain("Action.Execute", update.Card!.ToJsonString());

        // Answering a resolved question: a clear card, nothing stored, nothing delivered.
        var (_, closed) = await bot.Host.InvokeAsync(Activities.Execute(bot.Connector.ServiceUrl, channel, "peerAnswer",
            new JsonObject { ["questionId"] = questionId, ["answer"] = "Late answer" }));
        Assert.Contains("answers are closed", closed!["value"]!.ToJsonString());
        Assert.DoesNotContain(bot.Connector.All, a => a.ConversationId == asker && a.Card?.ToJsonString().Contains("Late answer") == true);
    }

    [Fact]
    public async Task Anonymous_QuestionCardDoesNotShowTheAskersName()
    {
        var channel = NewChannel();
        await LinkAsync(channel, "exit");
        var asker = BotFixture.NewConversation();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, asker, null,
            Submit("postPeerQuestion", ("group", "exit"), ("question", "How do you end an exit programme well?"), ("anonymous", "true"))));
        var card = (await bot.Connector.MessageAsync(channel)).Card!.ToJsonString();
        Assert.Contains("anonymous", card);
        Assert.DoesNotContain("Alex Wilber", card);
    }

    [Fact]
    public async Task Link_WithAnUnknownGroup_ListsTheValidIds()
    {
        var text = await LinkAsync(NewChannel(), "locall");
        Assert.Contains("I do not know a working group 'locall'", text);
        Assert.Contains("remembrance-victims", text);
    }

    [Fact]
    public async Task Ask_WhenTheGroupHasNoChannel_SaysWhatToDoAndStoresNothing()
    {
        var asker = BotFixture.NewConversation();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, asker, null,
            Submit("postPeerQuestion", ("group", "remembrance-victims"), ("question", "How do we prepare a survivor for a school visit?"))));
        var reply = await bot.Connector.MessageAsync(asker);
        Assert.Contains("has no Teams channel linked yet", reply.Text);
        Assert.Contains("link remembrance-victims", reply.Text);
    }

    [Fact]
    public async Task Ask_WithAQuestionOver4000Characters_GetsTheFormBackWithTheReason()
    {
        var channel = NewChannel();
        await LinkAsync(channel, "police");
        var asker = BotFixture.NewConversation();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, asker, null,
            Submit("postPeerQuestion", ("group", "police"), ("question", new string('q', 4_500)))));
        var form = (await bot.Connector.MessageAsync(asker)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(form));
        Assert.Contains("the limit is 4,000", form.ToJsonString());
        Assert.DoesNotContain(bot.Connector.All, a => a.ConversationId == channel && a.Card is not null);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"questionId\": 42}")]
    [InlineData("{\"questionId\": \"does-not-exist\", \"answer\": \"hello\"}")]
    [InlineData("{\"questionId\": [1], \"answer\": {\"deep\": true}}")]
    public async Task Execute_WithMissingOrWrongFields_GetsAClearMessageNot500(string data)
    {
        var (status, body) = await bot.Host.InvokeAsync(Activities.Execute(bot.Connector.ServiceUrl, NewChannel(), "peerAnswer", JsonNode.Parse(data)!.AsObject()));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/vnd.microsoft.activity.message", body!["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Execute_WithNoActionAtAll_GetsA400NotA500()
    {
        var activity = Activities.Execute(bot.Connector.ServiceUrl, NewChannel(), "peerAnswer", []);
        activity["value"] = "garbage";
        var (status, _) = await bot.Host.InvokeAsync(activity);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task WhichGroupIsForMe_AsksForASentenceThenRecommendsWithReasons()
    {
        var conversation = BotFixture.NewConversation();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, "Which group is for me?"));
        var prompt = (await bot.Connector.MessageAsync(conversation)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(prompt));
        Assert.Contains("Tell me in a sentence", prompt.ToJsonString());

        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation,
            "I'm a probation officer preparing a terrorist offender's release"));
        var card = (await bot.Connector.MessageAsync(conversation, count: 2)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        var json = card.ToJsonString();
        Assert.Contains("Prison and Probation", json);
        Assert.Contains("probation officer", json);
    }
}

public sealed class PeerReminderTests
{
    [Fact]
    public async Task UnansweredQuestion_GetsOneReminderInTheChannelAfterTheConfiguredDays()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string> { ["PeerExchange:ReminderAfterDays"] = "3" },
            configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var channel = $"19:channel-{Guid.NewGuid():N}@thread.tacv2";
        await host.PostActivityAsync(Activities.ChannelMessage(connector.ServiceUrl, channel, "link education"));
        await connector.MessageAsync($"{channel};messageid=1700000000000");
        var asker = BotFixture.NewConversation();
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, asker, null, new JsonObject
        {
            ["action"] = "postPeerQuestion", ["group"] = "education", ["question"] = "How do you react to a pupil praising an attack?",
        }));
        await connector.MessageAsync(channel);

        clock.Advance(TimeSpan.FromDays(2));
        clock.Advance(TimeSpan.FromHours(1));
        clock.Advance(TimeSpan.FromDays(1));
        clock.Advance(TimeSpan.FromHours(1));
        var reminder = await connector.MessageAsync(channel, count: 2);
        Assert.Contains("Reminder: this question has been waiting 3 days", reminder.Card!.ToJsonString());

        clock.Advance(TimeSpan.FromDays(5));
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, asker, "help"));
        await connector.MessageAsync(asker, count: 2);
        Assert.Equal(2, connector.All.Count(a => a.ConversationId == channel && a.Card is not null));
    }
}
