using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using static PractitionerBot.Bench.BenchSupport;

namespace PractitionerBot.Bench;

/// <summary>
/// bench fanout: publishes one event to N followers through the real bot (its own process) against
/// <see cref="RateLimitedConnector"/>, and reports throughput as a share of Teams' 50 per second,
/// lost deliveries and duplicates; once normally, once with the bot killed and restarted mid-send,
/// and once with our throttle switched off (relying on 429s alone) as the baseline.
/// </summary>
internal static class FanoutBench
{
    private const string Key = "bench-publisher-key-0123456789";
    private const string Start = "<!-- bench:fanout:start -->";
    private const string End = "<!-- bench:fanout:end -->";

    private sealed record Scenario(string Name, double Rate, int PerConversation, bool Crash);

    private sealed record Outcome(Scenario Scenario, int Followers, int Delivered, int Duplicates, double PerSecond, double SteadyPerSecond, int Throttled,
        int Failed, int Hung, int MaxInAnySecond, TimeSpan Wall);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.FirstOrDefault() != "fanout")
        {
            Console.Error.WriteLine("usage: fanout [--followers N] [--out docs/BENCHMARKS.md]");
            return 2;
        }
        var followers = Option(args, "--followers") is { } f ? int.Parse(f, CultureInfo.InvariantCulture) : 10_000;
        var root = FindRoot();
        var botDll = BotDll(root);

        var scenarios = new[]
        {
            new Scenario("PractitionerBot, throttled at 45/s and 7/s per chat", 45, 7, Crash: false),
            new Scenario("same, bot killed (SIGKILL) at 30% and restarted", 45, 7, Crash: true),
            new Scenario("baseline: no throttle, 429 and Retry-After only", 1000, 50, Crash: false),
        };
        var concurrency = Option(args, "--concurrency") ?? "16";
        if (Option(args, "--only") is { } only) scenarios = [scenarios[int.Parse(only, CultureInfo.InvariantCulture)]];
        var results = new List<Outcome>();
        foreach (var scenario in scenarios)
        {
            var outcome = await RunScenarioAsync(scenario, followers, root, botDll, concurrency);
            results.Add(outcome);
            Console.WriteLine(Row(outcome));
        }

        var table = new StringBuilder()
            .AppendLine("| scenario | delivered | lost | duplicates | messages/s (first to last) | ratio to 50/s | steady messages/s (10%-90%) | steady ratio | 429s | 500s | hung | max in any second | wall time |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results) table.AppendLine(Row(r));
        var section = $"{Start}\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores: {followers:N0} followers, SQLite, the bot as its own process " +
                      $"(Release), the connector enforcing {RateLimitedConnector.ConversationLimit}/s per conversation and {RateLimitedConnector.GlobalLimit}/s overall, " +
                      "failing 5% of sends with 500 and leaving 1% unanswered for 10 s (the bot gives up after 5 s).\n\n" + table + End;
        if (Option(args, "--out") is { } output) WriteSection(output, Start, End, section);
        return 0;
    }

    private static async Task<Outcome> RunScenarioAsync(Scenario scenario, int followers, string root, string botDll, string concurrency)
    {
        var dir = Directory.CreateTempSubdirectory("pb-fanout-");
        var connectorPort = FreePort();
        var botPort = FreePort();
        await using var connector = new RateLimitedConnector(connectorPort);
        await connector.StartAsync();
        var settings = new[]
        {
            $"--urls=http://127.0.0.1:{botPort}", $"--Storage:SqlitePath={Path.Combine(dir.FullName, "bot.db")}",
            $"--Knowledge:IndexPath={Path.Combine(dir.FullName, "idx")}", $"--Admin:ApiKeys:0:Key={Key}", "--Admin:ApiKeys:0:Role=publisher",
            $"--Announcements:GlobalRatePerSecond={scenario.Rate.ToString(CultureInfo.InvariantCulture)}",
            $"--Announcements:PerConversationPerSecond={scenario.PerConversation}", "--Announcements:SendTimeoutSeconds=5",
            "--Announcements:LeaseSeconds=10", "--Logging:LogLevel:Default=Warning", $"--Announcements:Concurrency={concurrency}",
        };
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{botPort}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        var bot = StartBot(botDll, root, settings);
        try
        {
            await WaitReadyAsync(http);
            Seed(Path.Combine(dir.FullName, "bot.db"), followers, connector.ServiceUrl);
            var created = await http.PostAsJsonAsync("/api/announcements", new JsonObject
            {
                ["kind"] = "event", ["title"] = "RAN LOCAL meeting: multi-agency case work", ["workingGroups"] = new JsonArray("local"),
                ["audience"] = new JsonObject { ["channels"] = false, ["followers"] = true }, ["startsAt"] = "2031-03-10T09:30",
                ["endsAt"] = "2031-03-11T16:00", ["timeZone"] = "Europe/Brussels", ["location"] = "Brussels",
            });
            var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            var clock = Stopwatch.StartNew();
            (await http.PostAsync($"/api/announcements/{id}/publish", null)).EnsureSuccessStatusCode();

            var crashed = !scenario.Crash;
            var lastProgress = (Count: 0, At: clock.Elapsed);
            while (connector.Accepted.Count < followers && clock.Elapsed - lastProgress.At < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(200);
                var delivered = connector.Accepted.Count;
                if (delivered > lastProgress.Count) lastProgress = (delivered, clock.Elapsed);
                if (!crashed && delivered >= followers * 3 / 10)
                {
                    bot.Kill(entireProcessTree: true); // no goodbye: in-flight sends and leases are left as they are
                    await bot.WaitForExitAsync();
                    bot.Dispose();
                    bot = StartBot(botDll, root, settings);
                    await WaitReadyAsync(http);
                    crashed = true;
                }
            }
            var accepted = connector.Accepted.Values.Sum();
            var seconds = ((connector.LastAccepted - connector.FirstAccepted!.Value).TotalSeconds is var s && s > 0) ? s : 1;
            // Steady state: from the 10th to the 90th percentile delivery, leaving out the start and the tail of late retries.
            var times = connector.AcceptedTimes.Order().ToList();
            var steady = times.Count >= 10 ? 0.8 * times.Count / Math.Max(0.001, (times[times.Count * 9 / 10 - 1] - times[times.Count / 10]).TotalSeconds) : 0;
            return new Outcome(scenario, followers, connector.Accepted.Count, accepted - connector.Accepted.Count, connector.Accepted.Count / seconds, steady,
                connector.Throttled, connector.Failed, connector.Hung, connector.MaxInAnySecond, clock.Elapsed);
        }
        finally
        {
            if (!bot.HasExited) bot.Kill(entireProcessTree: true);
            bot.Dispose();
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>N members who follow Local and whose personal chats the bot knows (as if each had written to it once).</summary>
    private static void Seed(string db, int followers, string serviceUrl)
    {
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var follow = connection.CreateCommand();
        follow.Transaction = transaction;
        follow.CommandText = "INSERT INTO follows (user_key, group_id, created_utc) VALUES ($k, 'local', '2026-01-01T00:00:00Z');";
        var followKey = follow.Parameters.Add("$k", SqliteType.Text);
        using var conversation = connection.CreateCommand();
        conversation.Transaction = transaction;
        conversation.CommandText = "INSERT INTO conversations (user_key, conversation_id, conversation_ref, updated_utc) VALUES ($k, $c, $r, '2026-01-01T00:00:00Z');";
        var key = conversation.Parameters.Add("$k", SqliteType.Text);
        var id = conversation.Parameters.Add("$c", SqliteType.Text);
        var reference = conversation.Parameters.Add("$r", SqliteType.Text);
        for (var i = 0; i < followers; i++)
        {
            var user = $"bench-user-{i:D6}";
            followKey.Value = key.Value = user;
            id.Value = $"a:personal-{i:D6}";
            reference.Value = new JsonObject
            {
                ["channelId"] = "msteams", ["serviceUrl"] = serviceUrl,
                ["conversation"] = new JsonObject { ["id"] = $"a:personal-{i:D6}", ["conversationType"] = "personal" },
                ["bot"] = new JsonObject { ["id"] = "28:bot" }, ["user"] = new JsonObject { ["id"] = "29:" + user },
            }.ToJsonString();
            follow.ExecuteNonQuery();
            conversation.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static string Row(Outcome o) => string.Create(CultureInfo.InvariantCulture,
        $"| {o.Scenario.Name} | {o.Delivered:N0} | {o.Followers - o.Delivered:N0} | {o.Duplicates:N0} | {o.PerSecond:F1} | {o.PerSecond / 50:F2} | {o.SteadyPerSecond:F1} | {o.SteadyPerSecond / 50:F2} | {o.Throttled:N0} | {o.Failed:N0} | {o.Hung:N0} | {o.MaxInAnySecond} | {o.Wall.TotalSeconds:F0} s |");
}
