using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Hosting;

public sealed class BadInputTests(BotFixture bot) : IClassFixture<BotFixture>
{
    [Theory]
    [InlineData("{\"type\": \"message\", ")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"type\": \"message\", \"from\": \"should be an object\"}")]
    [InlineData("{\"type\": \"message\", \"timestamp\": {\"nested\": true}}")]
    public async Task MalformedBody_Gets400WithAReason(string body)
    {
        var response = await bot.Host.PostRawAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
    }

    [Fact]
    public async Task ActivityWithoutConversationOrServiceUrl_Gets400NamingTheFields()
    {
        var activity = Activities.TeamsMessage(bot.Connector.ServiceUrl, "c", "hello");
        activity.Remove("conversation");
        activity["serviceUrl"] = "not a url";
        var response = await bot.Host.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await response.Content.ReadAsStringAsync();
        Assert.Contains("conversation.id", detail);
        Assert.Contains("serviceUrl", detail);
    }

    [Fact]
    public async Task WrongContentType_Gets415()
    {
        var response = await bot.Host.PostRawAsync("type=message", "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task OversizedBody_Gets413()
    {
        var activity = Activities.TeamsMessage(bot.Connector.ServiceUrl, BotFixture.NewConversation(), new string('x', 300_000));
        var response = await bot.Host.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("messageReaction")]
    [InlineData("someFutureActivityType")]
    [InlineData("event")]
    public async Task UnhandledActivityType_Gets200AndNoReply(string type)
    {
        var conversation = BotFixture.NewConversation();
        var activity = Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, null);
        activity["type"] = type;
        var response = await bot.Host.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // A message in the same conversation afterwards is the first thing sent there.
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, "help"));
        await bot.Connector.MessageAsync(conversation);
        Assert.Equal(2, bot.Connector.All.Count(a => a.ConversationId == conversation)); // typing + help
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task EmptyMessage_GetsAShortHelpReply(string? text)
    {
        var conversation = BotFixture.NewConversation();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, text));
        var reply = await bot.Connector.MessageAsync(conversation);
        Assert.Contains("help", reply.Text);
    }

    [Theory]
    [InlineData("\"local network\" AND (prevention OR strategy) NOT *:* ~2 ^3 [a TO z] {x} \\ / +-!?")]
    [InlineData("prison radicalisation)))))(((((\"\"\"\"")]
    [InlineData("🙂🙃 exit programme for formers 👍🏽")]
    [InlineData("title:prison AND body:*")]
    public async Task LuceneSyntaxAndEmoji_GetANormalAnswer(string text)
    {
        var conversation = BotFixture.NewConversation();
        var response = await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await bot.Connector.MessageAsync(conversation);
        Assert.NotNull(reply.Card);
        Assert.Empty(await CardValidator.ErrorsAsync(reply.Card!));
    }

    [Fact]
    public async Task TenThousandCharacterMessage_GetsANormalAnswer()
    {
        var conversation = BotFixture.NewConversation();
        var text = string.Concat(Enumerable.Repeat("Our municipality wants a local action plan with schools and police. ", 160))[..10_000];
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, text));
        var reply = await bot.Connector.MessageAsync(conversation);
        var card = Assert.IsType<JsonObject>(reply.Card);
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        Assert.DoesNotContain("could not find", card.ToJsonString());
    }

    [Fact]
    public async Task CardActionWithGarbageValue_GetsAClearMessage()
    {
        var conversation = BotFixture.NewConversation();
        var value = new JsonObject { ["action"] = "feedback", ["helpful"] = "maybe", ["documentId"] = new JsonArray(1, 2) };
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, null, value));
        var reply = await bot.Connector.MessageAsync(conversation);
        Assert.Contains("could not use that button", reply.Text);
    }

    [Fact]
    public async Task MessageText_NeverReachesLogsAtInformationOrAbove()
    {
        const string secret = "Fatima-Zahra-Quistorp lives at Ringstrasse 14";
        var conversation = BotFixture.NewConversation();
        await bot.Host.PostActivityAsync(Activities.TeamsMessage(bot.Connector.ServiceUrl, conversation, secret + " and her son is radicalising, what do I do?"));
        await bot.Connector.MessageAsync(conversation);
        var logged = string.Join("\n", bot.Host.Logs.AtOrAbove(LogLevel.Information));
        Assert.Contains("Question answered", logged);
        Assert.DoesNotContain("Quistorp", logged);
        Assert.DoesNotContain("Ringstrasse", logged);
        Assert.DoesNotContain("Alex Wilber", logged);
    }
}

public sealed class TurnRateLimitTests
{
    [Fact]
    public async Task TooManyTurns_GetOnePoliteReplyThenSilence_UntilTheMinutePasses()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 5, 1, 9, 0, 0, TimeSpan.Zero));
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string> { ["Chat:TurnsPerMinute"] = "3" },
            configure: b => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(b.Services, clock));
        var conversation = BotFixture.NewConversation();
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "help"))).StatusCode);

        var polite = await connector.MessageAsync(conversation, 4);
        Assert.Contains("faster than I can answer", polite.Text);
        var sent = connector.All.Where(a => a.ConversationId == conversation).ToList();
        Assert.Equal(4, sent.Count(a => a.Type == "message"));
        Assert.Equal(3, sent.Count(a => a.Type == "typing"));

        clock.Advance(TimeSpan.FromSeconds(61));
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "help"));
        Assert.Contains("groups", (await connector.MessageAsync(conversation, 5)).Text);
    }
}
