using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PractitionerBot.PeerExchange;
using PractitionerBot.Privacy;
using PractitionerBot.Tests.Infrastructure;
using static PractitionerBot.Tests.Security.HostileMemberTests;

namespace PractitionerBot.Tests.Security;

/// <summary>What members can make the bot send to someone else, and what stays behind after "forget me": on a fake clock.</summary>
public sealed class HostileMemberLimitTests
{
    [Fact]
    public async Task AnswersFromManyMembers_ReachOneAskerAtMostTheHourlyLimit_AndAgainAfterTheHour()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string> { ["PeerExchange:AnswersPerAskerPerHour"] = "3" },
            configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var channel = NewChannel();
        await LinkAsync(host, connector, channel, "local");
        var asker = BotFixture.NewConversation();
        var (_, questionId) = await AskAsync(host, connector, channel, asker, "How do we follow up a returnee's children at school?");

        // Five accounts answer within the hour: each is a separate member, so the turn limit does not stop them.
        var notices = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var (_, body) = await host.InvokeAsync(Answer(connector, channel, questionId, $"Answer from account {i}", $"29:sock-{i}"));
            notices.Add(body!["value"]!.ToJsonString());
        }
        int Relayed() => connector.All.Count(a => a.ConversationId == asker && a.Card?.ToJsonString().Contains("Answer from account") == true);
        Assert.Equal(3, Relayed());
        Assert.All(notices.Take(3), n => Assert.Contains("your answer was sent", n));
        Assert.All(notices.Skip(3), n => Assert.Contains("many answers in the last hour", n));

        clock.Advance(TimeSpan.FromMinutes(61));
        await host.InvokeAsync(Answer(connector, channel, questionId, "Answer from account 5", "29:sock-5"));
        Assert.Equal(4, Relayed());
    }

    [Fact]
    public async Task ForgetMe_RedrawsTheChannelCardWithoutTheName_ClosesTheQuestion_AndRetentionRemovesIt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var channel = NewChannel();
        await LinkAsync(host, connector, channel, "local");
        var asker = BotFixture.NewConversation();
        var (posted, questionId) = await AskAsync(host, connector, channel, asker, "Who funds local exit work in your city?", askerName: "Wilhelmina Asker");
        Assert.Contains("Wilhelmina Asker", posted.Card!.ToJsonString());

        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, asker, "forget me"));
        await connector.MessageAsync(asker, count: 2);
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, asker, "yes"));
        Assert.Contains("erased", (await connector.MessageAsync(asker, count: 3)).Text);

        // What the channel sees: the same card, updated in place, with no name and no way to answer.
        var update = await connector.WaitForAsync(a => a.ConversationId == channel && a.Method == "PUT");
        Assert.Equal(posted.ResponseId, update.ReplyToId);
        Assert.Empty(await CardValidator.ErrorsAsync(update.Card!));
        var card = update.Card!.ToJsonString();
        Assert.DoesNotContain("Wilhelmina", card);
        Assert.Contains("anonymous", card);
        Assert.Contains("erased their data", card);
        Assert.DoesNotContain("Action.Execute", card);

        var (_, late) = await host.InvokeAsync(Answer(connector, channel, questionId, "A late answer", "29:peer-late"));
        Assert.Contains("answers are closed", late!["value"]!.ToJsonString());

        var questions = host.Services.GetRequiredService<PeerQuestionStore>();
        Assert.Equal(PeerQuestionStatus.Resolved, (await questions.GetAsync(questionId, default))!.Status);
        clock.Advance(TimeSpan.FromDays(181));
        await host.Services.GetRequiredService<RetentionPurge>().RunAsync(default);
        Assert.Null(await questions.GetAsync(questionId, default));
    }
}
