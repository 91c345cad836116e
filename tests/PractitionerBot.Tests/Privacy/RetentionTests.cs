using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Privacy;

/// <summary>Feedback and resolved peer questions are deleted once their retention period has passed; nothing else is.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task FeedbackAndResolvedPeerQuestions_AreDeletedAfterTheirRetentionDays_OpenQuestionsStay()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 6, 9, 0, 0, TimeSpan.Zero));
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string>
        {
            ["Retention:FeedbackDays"] = "30", ["Retention:ResolvedPeerQuestionDays"] = "10", ["Retention:CheckHours"] = "24",
        }, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var member = BotFixture.NewConversation();
        var sent = 0;
        async Task<ReceivedActivity> Say(string? text, JsonObject? value = null)
        {
            await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, member, text, value));
            return await connector.MessageAsync(member, ++sent);
        }

        await Say(null, new JsonObject { ["action"] = "feedback", ["helpful"] = true, ["documentId"] = "local-action-plan", ["question"] = "a question" });
        var channel = $"19:channel-{Guid.NewGuid():N}@thread.tacv2";
        await host.PostActivityAsync(Activities.ChannelMessage(connector.ServiceUrl, channel, "link local"));
        await connector.MessageAsync($"{channel};messageid=1700000000000");
        await Say(null, new JsonObject { ["action"] = "postPeerQuestion", ["group"] = "local", ["question"] = "Resolved soon: how do you brief a new mayor?" });
        var posted = await connector.MessageAsync(channel);
        var questionId = posted.Card!["actions"]!.AsArray().Single()!["data"]!["questionId"]!.GetValue<string>();
        await host.InvokeAsync(Activities.Execute(connector.ServiceUrl, channel, "peerAnswer", new JsonObject { ["questionId"] = questionId, ["answer"] = "Within a month." }));
        var answer = await connector.MessageAsync(member, ++sent);
        await Say(null, (JsonObject)answer.Card!["actions"]!.AsArray().Single()!["data"]!.AsObject().DeepClone());
        await Say(null, new JsonObject { ["action"] = "postPeerQuestion", ["group"] = "local", ["question"] = "Still open: who funds local networks?" });

        await using var db = new SqliteConnection($"Data Source={Path.Combine(host.DataDir, "bot.db")}");
        await db.OpenAsync();
        long Count(string table)
        {
            using var command = db.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table};";
            return (long)command.ExecuteScalar()!;
        }
        Assert.Equal((1, 2, 1), (Count("feedback"), Count("peer_questions"), Count("peer_answers")));

        // Day 11: the resolved question (and its answer) is past its 10 days; feedback (30 days) and the open question stay.
        clock.Advance(TimeSpan.FromDays(11));
        await Eventually.Until(() => Task.FromResult(Count("peer_questions")), n => n == 1);
        Assert.Equal((1, 1, 0), (Count("feedback"), Count("peer_questions"), Count("peer_answers")));

        // Day 31: the feedback goes too; the open question is never purged.
        clock.Advance(TimeSpan.FromDays(20));
        await Eventually.Until(() => Task.FromResult(Count("feedback")), n => n == 0);
        Assert.Equal((0, 1), (Count("feedback"), Count("peer_questions")));
        Assert.Contains(host.Logs.AtOrAbove(Microsoft.Extensions.Logging.LogLevel.Information), l => l.Contains("Retention purge deleted 1 feedback rows"));
    }
}
