using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
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
    private const string InstancesStart = "<!-- bench:fanout-instances:start -->";
    private const string InstancesEnd = "<!-- bench:fanout-instances:end -->";

    private sealed record Scenario(string Name, double Rate, int PerConversation, bool Crash, int Instances = 1, bool Postgres = false);

    private sealed record Outcome(Scenario Scenario, int Followers, int Delivered, int Duplicates, double PerSecond, double SteadyPerSecond, int Throttled,
        int Failed, int Hung, int MaxInAnySecond, TimeSpan Wall);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.FirstOrDefault() != "fanout")
        {
            Console.Error.WriteLine("usage: fanout [--followers N] [--postgres [CONNECTION]] [--out docs/BENCHMARKS.md]");
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
        // --postgres CONNECTION (or PRACTITIONERBOT_TEST_POSTGRES): the same fan-out on PostgreSQL, one instance and two,
        // with SQLite on one instance in the same run as the baseline; each scenario gets a fresh database.
        var postgres = args.Contains("--postgres")
            ? Option(args, "--postgres") is { } cs && !cs.StartsWith("--", StringComparison.Ordinal) ? cs : Environment.GetEnvironmentVariable("PRACTITIONERBOT_TEST_POSTGRES")
            : null;
        if (args.Contains("--postgres") && string.IsNullOrEmpty(postgres))
        {
            Console.Error.WriteLine("--postgres needs a connection string (or PRACTITIONERBOT_TEST_POSTGRES)");
            return 2;
        }
        var (start, end) = (Start, End);
        if (postgres is not null)
        {
            scenarios =
            [
                new Scenario("SQLite, 1 instance (same-run baseline)", 45, 7, Crash: false),
                new Scenario("PostgreSQL, 1 instance", 45, 7, Crash: false, Postgres: true),
                new Scenario("PostgreSQL, 2 instances", 45, 7, Crash: false, Instances: 2, Postgres: true),
                new Scenario("PostgreSQL, 2 instances, one killed (SIGKILL) at 30%, not restarted", 45, 7, Crash: true, Instances: 2, Postgres: true),
            ];
            (start, end) = (InstancesStart, InstancesEnd);
        }
        if (Option(args, "--only") is { } only) scenarios = [scenarios[int.Parse(only, CultureInfo.InvariantCulture)]];
        var results = new List<Outcome>();
        foreach (var scenario in scenarios)
        {
            var outcome = await RunScenarioAsync(scenario, followers, root, botDll, concurrency, postgres);
            results.Add(outcome);
            Console.WriteLine(Row(outcome));
        }

        var table = new StringBuilder()
            .AppendLine("| scenario | delivered | lost | duplicates | messages/s (first to last) | ratio to 50/s | steady messages/s (10%-90%) | steady ratio | 429s | 500s | hung | max in any second | wall time |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results) table.AppendLine(Row(r));
        var section = $"{start}\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores: {followers:N0} followers, " +
                      (postgres is null ? "SQLite" : "PostgreSQL 1 and 2 instances against SQLite") + ", each bot as its own process " +
                      $"(Release), the connector enforcing {RateLimitedConnector.ConversationLimit}/s per conversation and {RateLimitedConnector.GlobalLimit}/s overall, " +
                      "failing 5% of sends with 500 and leaving 1% unanswered for 10 s (the bot gives up after 5 s).\n\n" + table + end;
        if (Option(args, "--out") is { } output) WriteSection(Path.GetFullPath(output, root), start, end, section);
        return 0;
    }

    private static async Task<Outcome> RunScenarioAsync(Scenario scenario, int followers, string root, string botDll, string concurrency, string? postgres)
    {
        var dir = Directory.CreateTempSubdirectory("pb-fanout-");
        var connectorPort = FreePort();
        await using var connector = new RateLimitedConnector(connectorPort);
        await connector.StartAsync();
        var database = scenario.Postgres ? await CreateDatabaseAsync(postgres!) : null;
        string[] Settings(int instance, int port) =>
        [
            $"--urls=http://127.0.0.1:{port}",
            .. database is null
                ? new[] { $"--Storage:SqlitePath={Path.Combine(dir.FullName, "bot.db")}" }
                : ["--Storage:Provider=postgres", $"--Storage:ConnectionString={database.Value.ConnectionString}"],
            $"--Knowledge:IndexPath={Path.Combine(dir.FullName, $"idx-{instance}")}", $"--Admin:ApiKeys:0:Key={Key}", "--Admin:ApiKeys:0:Role=publisher",
            $"--Announcements:GlobalRatePerSecond={scenario.Rate.ToString(CultureInfo.InvariantCulture)}",
            $"--Announcements:PerConversationPerSecond={scenario.PerConversation}", "--Announcements:SendTimeoutSeconds=5",
            "--Announcements:LeaseSeconds=10", "--Logging:LogLevel:Default=Warning", $"--Announcements:Concurrency={concurrency}",
        ];
        var ports = Enumerable.Range(0, scenario.Instances).Select(_ => FreePort()).ToArray();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        var bots = new List<Process>();
        try
        {
            // One after the other: the first creates the schema, the others find it done.
            for (var n = 0; n < scenario.Instances; n++)
            {
                bots.Add(StartBot(botDll, root, Settings(n, ports[n])));
                using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[n]}") };
                await WaitReadyAsync(probe);
            }
            await SeedAsync(database is null ? new SqliteConnection($"Data Source={Path.Combine(dir.FullName, "bot.db")}") : new NpgsqlConnection(database.Value.ConnectionString),
                followers, connector.ServiceUrl);
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
                    bots[0].Kill(entireProcessTree: true); // no goodbye: in-flight sends and leases are left as they are
                    await bots[0].WaitForExitAsync();
                    bots[0].Dispose();
                    if (scenario.Instances == 1)
                    {
                        bots[0] = StartBot(botDll, root, Settings(0, ports[0]));
                        await WaitReadyAsync(http);
                    }
                    else bots.RemoveAt(0); // the other instance takes over the dead one's rows when their leases run out
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
            foreach (var bot in bots)
            {
                if (!bot.HasExited) bot.Kill(entireProcessTree: true);
                bot.Dispose();
            }
            if (database is { } db) await DropDatabaseAsync(postgres!, db.Name);
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<(string Name, string ConnectionString)?> CreateDatabaseAsync(string server)
    {
        var name = "pbbench_" + Guid.NewGuid().ToString("N")[..12];
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", admin);
        await create.ExecuteNonQueryAsync();
        return (name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    private static async Task DropDatabaseAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE);", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>N members who follow Local and whose personal chats the bot knows (as if each had written to it once), on either database.</summary>
    private static async Task SeedAsync(DbConnection connection, int followers, string serviceUrl)
    {
        await using var _ = connection;
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var i = 0; i < followers; i++)
        {
            var user = $"bench-user-{i:D6}";
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO follows (user_key, group_id, created_utc) VALUES (@k, 'local', '2026-01-01T00:00:00Z');
                INSERT INTO conversations (user_key, conversation_id, conversation_ref, updated_utc) VALUES (@k, @c, @r, '2026-01-01T00:00:00Z');
                """;
            foreach (var (name, value) in new[] { ("k", user), ("c", $"a:personal-{i:D6}"), ("r", Reference(i, user, serviceUrl)) })
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = "@" + name;
                parameter.Value = value;
                insert.Parameters.Add(parameter);
            }
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    private static string Reference(int i, string user, string serviceUrl) => new JsonObject
    {
        ["channelId"] = "msteams", ["serviceUrl"] = serviceUrl,
        ["conversation"] = new JsonObject { ["id"] = $"a:personal-{i:D6}", ["conversationType"] = "personal" },
        ["bot"] = new JsonObject { ["id"] = "28:bot" }, ["user"] = new JsonObject { ["id"] = "29:" + user },
    }.ToJsonString();

    private static string Row(Outcome o) => string.Create(CultureInfo.InvariantCulture,
        $"| {o.Scenario.Name} | {o.Delivered:N0} | {o.Followers - o.Delivered:N0} | {o.Duplicates:N0} | {o.PerSecond:F1} | {o.PerSecond / 50:F2} | {o.SteadyPerSecond:F1} | {o.SteadyPerSecond / 50:F2} | {o.Throttled:N0} | {o.Failed:N0} | {o.Hung:N0} | {o.MaxInAnySecond} | {o.Wall.TotalSeconds:F0} s |");
}
