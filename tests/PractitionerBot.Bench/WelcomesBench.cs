using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static PractitionerBot.Bench.BenchSupport;

namespace PractitionerBot.Bench;

/// <summary>
/// bench welcomes: the bot (its own process) is added to a team whose members arrive in one <c>conversationUpdate</c>,
/// against <see cref="RateLimitedConnector"/> (7/s per chat, 50/s overall, 3% of calls failing); reports how long the
/// turn took, how long until every member had their welcome (the welcome text and the privacy question in their own
/// personal chat), and lost and repeated messages; once as it is, once with the bot killed (SIGKILL) at 30% and restarted.
/// </summary>
internal static class WelcomesBench
{
    private const string Start = "<!-- bench:welcomes:start -->";
    private const string End = "<!-- bench:welcomes:end -->";

    /// <summary>Each welcome is the onboarding's first two messages: the welcome text and the privacy question.</summary>
    private const int Parts = 2;

    private sealed record Scenario(string Name, int Members, bool Crash);

    private sealed record Outcome(Scenario Scenario, double TurnMs, int Welcomed, int Partial, int Duplicates, int Created, int Throttled, int Failed,
        int Hung, int MaxInAnySecond, TimeSpan Wall);

    public static async Task<int> RunAsync(string[] args)
    {
        var members = Option(args, "--members") is { } m ? int.Parse(m, CultureInfo.InvariantCulture) : 1_000;
        var root = FindRoot();
        var botDll = BotDll(root);
        var scenarios = new[]
        {
            new Scenario("a team of 300 added at once", 300, Crash: false),
            new Scenario($"{members:N0} members added at once", members, Crash: false),
            new Scenario($"{members:N0} members, bot killed (SIGKILL) at 30% and restarted", members, Crash: true),
        };
        if (Option(args, "--only") is { } only) scenarios = [scenarios[int.Parse(only, CultureInfo.InvariantCulture)]];

        var results = new List<Outcome>();
        foreach (var scenario in scenarios)
        {
            var outcome = await RunScenarioAsync(scenario, root, botDll);
            results.Add(outcome);
            Console.WriteLine(Row(outcome));
        }
        var table = new StringBuilder()
            .AppendLine("| scenario | members | conversationUpdate answered in | welcomed | partly welcomed | not welcomed | repeated messages | chats created | 429s | 500s | hung | max in any second | all welcomed after |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results) table.AppendLine(Row(r));
        var section = $"{Start}\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores (shared with other builds; load average {LoadAverage()} at the end), " +
                      $"`welcomes --members {members}`: the bot as its own process (Release, SQLite), the connector enforcing {RateLimitedConnector.ConversationLimit}/s per chat " +
                      $"and {RateLimitedConnector.GlobalLimit}/s overall, failing 2% of calls with 500 and leaving 1% unanswered for 10 s (the bot gives up after 5 s).\n\n" + table + End;
        if (Option(args, "--out") is { } output) WriteSection(Path.GetFullPath(output, root), Start, End, section);
        return results.All(r => r.Welcomed == r.Scenario.Members) ? 0 : 1;
    }

    private static async Task<Outcome> RunScenarioAsync(Scenario scenario, string root, string botDll)
    {
        var dir = Directory.CreateTempSubdirectory("pb-welcomes-");
        await using var connector = new RateLimitedConnector(FreePort(), failShare: 0.02, hangShare: 0.01);
        await connector.StartAsync();
        var port = FreePort();
        string[] settings =
        [
            $"--urls=http://127.0.0.1:{port}", $"--Storage:SqlitePath={Path.Combine(dir.FullName, "bot.db")}",
            $"--Knowledge:IndexPath={Path.Combine(dir.FullName, "idx")}", "--Announcements:GlobalRatePerSecond=45",
            "--Announcements:SendTimeoutSeconds=5", "--Announcements:LeaseSeconds=10", "--Logging:LogLevel:Default=Warning",
        ];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var bot = StartBot(botDll, root, settings);
        try
        {
            await WaitReadyAsync(http);
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsync("/api/messages", new StringContent(MembersAdded(connector.ServiceUrl, scenario.Members), Encoding.UTF8, "application/json"));
            var turnMs = clock.Elapsed.TotalMilliseconds;
            response.EnsureSuccessStatusCode();

            var crashed = !scenario.Crash;
            var lastProgress = (Count: 0, At: clock.Elapsed);
            while (Welcomed(connector) < scenario.Members && clock.Elapsed - lastProgress.At < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(200);
                var welcomed = Welcomed(connector);
                if (welcomed > lastProgress.Count) lastProgress = (welcomed, clock.Elapsed);
                if (!crashed && welcomed >= scenario.Members * 3 / 10)
                {
                    bot.Kill(entireProcessTree: true); // no goodbye: in-flight sends and leases are left as they are
                    await bot.WaitForExitAsync();
                    bot.Dispose();
                    bot = StartBot(botDll, root, settings);
                    await WaitReadyAsync(http);
                    crashed = true;
                }
            }
            var wall = clock.Elapsed;
            var counts = connector.Accepted.Where(kv => kv.Key.StartsWith("a:personal-", StringComparison.Ordinal)).Select(kv => kv.Value).ToList();
            return new Outcome(scenario, turnMs, counts.Count(c => c >= Parts), counts.Count(c => c < Parts), counts.Sum(c => Math.Max(0, c - Parts)),
                connector.Created, connector.Throttled, connector.Failed, connector.Hung, connector.MaxInAnySecond, wall);
        }
        finally
        {
            if (!bot.HasExited) bot.Kill(entireProcessTree: true);
            bot.Dispose();
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static int Welcomed(RateLimitedConnector connector) =>
        connector.Accepted.Count(kv => kv.Key.StartsWith("a:personal-", StringComparison.Ordinal) && kv.Value >= Parts);

    /// <summary>What Teams sends when members are added to a team the bot is in (ids only, as Teams does).</summary>
    private static string MembersAdded(string serviceUrl, int members) => new JsonObject
    {
        ["type"] = "conversationUpdate",
        ["id"] = "bench-members-added",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = "29:team-owner", ["aadObjectId"] = "00000000-0000-0000-0000-00000000beef" },
        ["conversation"] = new JsonObject { ["id"] = "19:bench-general@thread.tacv2", ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = "tenant-1" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "PractitionerBot" },
        ["membersAdded"] = new JsonArray(Enumerable.Range(0, members)
            .Select(i => (JsonNode)new JsonObject { ["id"] = $"29:m{i:D5}", ["aadObjectId"] = $"00000000-0000-0000-0000-{i:D12}" }).ToArray()),
        ["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
            ["team"] = new JsonObject { ["id"] = "19:bench-team@thread.tacv2" },
            ["eventType"] = "teamMemberAdded",
        },
    }.ToJsonString();

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string Row(Outcome o) => string.Create(CultureInfo.InvariantCulture,
        $"| {o.Scenario.Name} | {o.Scenario.Members:N0} | {o.TurnMs:F0} ms | {o.Welcomed:N0} | {o.Partial:N0} | {o.Scenario.Members - o.Welcomed - o.Partial:N0} | {o.Duplicates:N0} | {o.Created:N0} | {o.Throttled:N0} | {o.Failed:N0} | {o.Hung:N0} | {o.MaxInAnySecond} | {o.Wall.TotalSeconds:F0} s |");
}
