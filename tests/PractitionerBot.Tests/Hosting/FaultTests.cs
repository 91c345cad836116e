using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Hosting;

/// <summary>The database locked, the index not ready, the Bot Connector failing or hanging: the bot says so or retries, and loses nothing.</summary>
public sealed class FaultTests
{
    private const string StorageUnavailable = "I could not save that just now";

    [Fact]
    public async Task Write_WhileTheDatabaseIsLocked_SaysTryAgain_ThenSucceedsAndEarlierDataIsKept()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string> { ["Storage:BusyTimeoutSeconds"] = "1" });
        await using var locker = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        await locker.OpenAsync();
        await using var command = locker.CreateCommand();

        await FollowFailsWhileThenRecoversAsync(host, connector,
            during: async () =>
            {
                command.CommandText = "BEGIN EXCLUSIVE;";
                await command.ExecuteNonQueryAsync();
            },
            after: async () =>
            {
                command.CommandText = "ROLLBACK;";
                await command.ExecuteNonQueryAsync();
            });
    }

    [SmallDiskFact]
    public async Task Write_WhenTheDiskIsFull_SaysTryAgain_ThenSucceedsOnceThereIsSpace_AndEarlierDataIsKept()
    {
        using var disk = SmallDisk.Mount(megabytes: 8);
        using var dir = new TempDir();
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string> { ["Storage:SqlitePath"] = Path.Combine(disk.Path, "bot.db") }, dir);
        var filler = "";

        await FollowFailsWhileThenRecoversAsync(host, connector,
            during: () => Task.FromResult(filler = disk.Fill()),
            after: () => Task.Run(() => File.Delete(filler)));
    }

    /// <summary>
    /// A member follows Local; while the fault lasts, following EXIT gets the "could not save" message; once it is
    /// over, following EXIT works and both groups are there: nothing saved before the fault was lost.
    /// </summary>
    private static async Task FollowFailsWhileThenRecoversAsync(BotHost host, MockBotConnector connector, Func<Task> during, Func<Task> after)
    {
        var conversation = BotFixture.NewConversation();
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "follow local"));
        Assert.Contains("You now follow", (await connector.MessageAsync(conversation)).Text);

        await during();
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "follow exit"));
        Assert.Contains(StorageUnavailable, (await connector.MessageAsync(conversation, 2)).Text);
        await after();

        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "follow exit"));
        Assert.Contains("You now follow", (await connector.MessageAsync(conversation, 3)).Text);
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "my groups"));
        var following = (await connector.MessageAsync(conversation, 4)).Text;
        Assert.Contains("Local", following);
        Assert.Contains("EXIT", following);
        Assert.DoesNotContain(connector.All, a => a.Text?.Contains("Sorry, something went wrong") == true);
    }

    [Fact]
    public async Task Question_WhileTheIndexIsLocked_SaysStillPreparing_HealthzIs503_ThenItOpensOnceTheLockGoes()
    {
        using var dir = new TempDir();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // Another process holding the index (an 'index build') keeps the bot's knowledge base from opening.
        var other = LuceneIndex.Open(Path.Combine(dir.Path, "lucene"));
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(dir: dir, waitForKnowledge: false, configure: b => b.Services.AddSingleton<TimeProvider>(clock));

        var health = await host.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var conversation = BotFixture.NewConversation();
        const string question = "How do I set up a local network against radicalisation?";
        var response = await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, question));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("still preparing the library", (await connector.MessageAsync(conversation)).Text);
        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId == 3001);

        // The bot gives up waiting for the lock and says it will try again; then the other process lets go, and the
        // bot's next try (its pause runs on the clock) opens the index, without a restart.
        var locked = await Eventually.Until(() => Task.FromResult(host.Logs.AtOrAbove(LogLevel.Warning).Any(l => l.Contains("is locked by another process"))), l => l);
        Assert.True(locked);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Http.GetAsync("/healthz")).StatusCode);
        other.Dispose();
        var ready = host.Services.GetRequiredService<KnowledgeBase>().WhenReady;
        for (var tries = 0; tries < 300 && !ready.IsCompleted; tries++)
        {
            clock.Advance(TimeSpan.FromSeconds(60));
            await Task.Run(() => ready.Wait(TimeSpan.FromMilliseconds(100)));
        }
        Assert.True(ready.IsCompleted, "the knowledge base never opened after the lock was released");
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/healthz")).StatusCode);
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, question));
        Assert.Contains("Creating a local prevention network", (await connector.MessageAsync(conversation, 2)).Card!.ToJsonString());
    }

    [Fact]
    public async Task Reply_AfterTransient503s_IsRetriedAndArrivesOnce()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string> { ["Connector:RetryDelayMilliseconds"] = "10" });
        var conversation = BotFixture.NewConversation();
        var refusals = 0;
        connector.FailWith(a => a.ConversationId == conversation && a.Card is not null && Interlocked.Increment(ref refusals) <= 2 ? 503 : null);

        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "How do I set up a local network against radicalisation?"));
        var reply = await connector.MessageAsync(conversation);

        Assert.Contains("Creating a local prevention network", reply.Card!.ToJsonString());
        var cards = connector.All.Where(a => a.ConversationId == conversation && a.Card is not null).ToList();
        Assert.Equal([503, 503, null], cards.Select(a => a.RefusedWith));
        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId == 3001);
    }

    [Fact]
    public async Task Reply_WhenTheConnectorHangs_TurnEndsWithinTheTimeout_AndTheBotAnswersLater()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string>
        {
            ["Connector:TimeoutSeconds"] = "0.5", ["Connector:MaxAttempts"] = "2", ["Connector:RetryDelayMilliseconds"] = "0",
        });
        var conversation = BotFixture.NewConversation();
        connector.HangOn(a => a.ConversationId == conversation);

        // Two tries of half a second, not the HTTP client's 100 s: a turn still hanging after 20 s fails the test.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var response = await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "help"), deadline.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, connector.All.Count(a => a.ConversationId == conversation && a.Hung));
        Assert.Contains(host.Logs.AtOrAbove(LogLevel.Error), l => l.Contains("Turn failed") && l.Contains("TimeoutException"));

        connector.HangOn(null);
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "help"));
        Assert.Contains("groups", (await connector.MessageAsync(conversation)).Text);
    }
}
