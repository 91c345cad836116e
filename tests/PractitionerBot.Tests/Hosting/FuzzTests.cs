using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using PractitionerBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PractitionerBot.Tests.Hosting;

/// <summary>Thousands of broken activities at the real endpoint: every one gets a 2xx or 4xx, and no turn fails.</summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Count = 2400;
    private const int TurnFailed = 3001;

    [Fact]
    public async Task GeneratedActivities_NeverGet5xxOrFailATurn_AndTheBotStillAnswers()
    {
        // FUZZ_SEED reproduces a failure printed by an earlier run; the default keeps CI deterministic.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : 20_260_107;
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string> { ["Chat:TurnsPerMinute"] = "10000" });
        var cases = new ActivityFuzzer(seed, connector.ServiceUrl).Cases(Count).ToList();

        var statuses = new ConcurrentBag<(ActivityFuzzer.Case Case, int Status)>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (fuzz, ct) =>
            statuses.Add((fuzz, await PostAsync(host, fuzz, ct))));

        var serverErrors = statuses.Where(r => r.Status >= 500).OrderBy(r => r.Case.Index).ToList();
        Assert.True(serverErrors.Count == 0,
            $"seed {seed}: {serverErrors.Count} activities got 5xx, e.g.\n" + string.Join("\n", serverErrors.Take(10).Select(r => $"#{r.Case.Index} {r.Status}: {r.Case.Shape}")));
        Assert.Contains(statuses, r => r.Status == 400);
        Assert.True(statuses.Count(r => r.Status is >= 200 and < 300) > Count / 5, "most activities should be served, not all refused");

        if (TurnErrors(host) > 0)
        {
            // Posts ran in parallel: replay one by one to name the activities whose turns fail.
            var culprits = await CulpritsAsync(host, cases);
            Assert.Fail($"seed {seed}: turns failed on bad input, e.g.\n" + string.Join("\n", culprits) + "\n" + string.Join("\n", Failures(host).Take(8)));
        }
        Assert.Empty(host.Logs.AtOrAbove(LogLevel.Error));

        // Still serving: a normal question gets an answer card that cites the expected paper.
        var conversation = BotFixture.NewConversation();
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "How do I set up a local network against radicalisation?"));
        var card = (await connector.MessageAsync(conversation)).Card!.ToJsonString();
        Assert.Contains("Creating a local prevention network in your municipality", card);
        Assert.Contains("Source: ", card);
        output.WriteLine($"seed {seed}: {Count} activities, " + string.Join(", ", statuses.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
    }

    private static async Task<int> PostAsync(BotHost host, ActivityFuzzer.Case fuzz, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(fuzz.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await host.Http.PostAsync("/api/messages", content, cancellationToken);
        return (int)response.StatusCode;
    }

    private static int TurnErrors(BotHost host) => host.Logs.Entries.Count(e => e.EventId == TurnFailed);

    private static IEnumerable<string> Failures(BotHost host) =>
        host.Logs.Entries.Where(e => e.EventId == TurnFailed)
            .Select(e => string.Join(" ", e.Message.Split('\n').Take(4).Select(l => l.Trim())))
            .Distinct();

    private static async Task<List<string>> CulpritsAsync(BotHost host, IEnumerable<ActivityFuzzer.Case> cases)
    {
        var culprits = new List<string>();
        foreach (var fuzz in cases)
        {
            var before = TurnErrors(host);
            await PostAsync(host, fuzz, CancellationToken.None);
            if (TurnErrors(host) > before) culprits.Add($"#{fuzz.Index}: {fuzz.Shape}");
            if (culprits.Count == 15) break;
        }
        return culprits;
    }
}
