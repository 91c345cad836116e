using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static PractitionerBot.Bench.BenchSupport;

namespace PractitionerBot.Bench;

/// <summary>
/// bench turns: N simulated Teams users, each in their own personal chat, ask practitioners' questions
/// in a closed loop for a fixed time, through <c>/api/messages</c> of the bot running as its own process,
/// against <see cref="ReplyConnector"/>. The same load then goes to the echo baseline: the same host
/// with <see cref="EchoBot"/> in place of the real handler.
/// </summary>
internal static class TurnsBench
{
    private const string Start = "<!-- bench:turns:start -->";
    private const string End = "<!-- bench:turns:end -->";
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    private sealed record Bot(string Name, string Dll, string[] Prefix, string Expected);

    public static async Task<int> RunAsync(string[] args)
    {
        var users = Option(args, "--users") is { } u ? int.Parse(u, CultureInfo.InvariantCulture) : 32;
        var seconds = Option(args, "--seconds") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 60;
        var warmup = Option(args, "--warmup") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : 5;
        var root = FindRoot();
        var questions = Questions(Path.Combine(root, "tests", "PractitionerBot.Tests", "Data", "golden"));
        var bots = new[]
        {
            new Bot("PractitionerBot (answer cards)", BotDll(root), [], "answer"),
            new Bot("baseline: echo bot, same host, adapter, endpoint and state storage", typeof(TurnsBench).Assembly.Location, ["host", "--echo"], "echo"),
        };
        if (Option(args, "--only") is { } only) bots = [bots[int.Parse(only, CultureInfo.InvariantCulture)]];

        var results = new List<TurnsResult>();
        foreach (var bot in bots)
        {
            var result = await RunBotAsync(bot, root, questions, users, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds));
            results.Add(result);
            Console.WriteLine(result.Row());
            foreach (var (kind, count) in result.Kinds) Console.WriteLine($"  {kind}: {count}");
        }

        var table = new StringBuilder().AppendLine(TurnsResult.Header);
        foreach (var r in results) table.AppendLine(r.Row());
        table.AppendLine().AppendLine("Replies over the whole run, warm-up included (an answer card or the card that says the papers have no good answer both count as answered; anything else is an error):");
        foreach (var r in results) table.AppendLine($"- {r.Name}: {string.Join(", ", r.Kinds.Select(k => $"{k.Count:N0} {k.Kind}"))}");
        var section = $"{Start}\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores (shared with other builds; load average in the table), .NET {Environment.Version}: " +
                      $"{users} users in a closed loop for {seconds} s after a {warmup} s warm-up, {questions.Count} golden-set questions drawn at random, " +
                      "each bot as its own process (Release, anonymous auth, its own SQLite and index), `Chat:TurnsPerMinute=10000`, log level Warning.\n\n" + table + End;
        if (Option(args, "--out") is { } output) WriteSection(output, Start, End, section);
        return results.All(r => r.Errors == 0) ? 0 : 1;
    }

    private static async Task<TurnsResult> RunBotAsync(Bot bot, string root, IReadOnlyList<string> questions, int users, TimeSpan warmup, TimeSpan measured)
    {
        var dir = Directory.CreateTempSubdirectory("pb-turns-");
        var botPort = FreePort();
        await using var connector = new ReplyConnector(FreePort());
        await connector.StartAsync();
        string[] settings =
        [
            .. bot.Prefix, $"--urls=http://127.0.0.1:{botPort}", $"--Storage:SqlitePath={Path.Combine(dir.FullName, "bot.db")}",
            $"--Knowledge:IndexPath={Path.Combine(dir.FullName, "idx")}", "--Chat:TurnsPerMinute=10000", "--Logging:LogLevel:Default=Warning",
        ];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{botPort}"), Timeout = ReplyTimeout };
        using var process = StartBot(bot.Dll, root, settings);
        try
        {
            await WaitReadyAsync(http);
            Members.Seed(Path.Combine(dir.FullName, "bot.db"), users, connector.ServiceUrl);
            var memory = new ProcessMemory(process.Id);
            var startupPeak = memory.PeakKiB();
            memory.ResetPeak();
            var loadBefore = LoadAverage();

            var clock = Stopwatch.StartNew();
            var stopAt = warmup + measured;
            var turns = await Task.WhenAll(Enumerable.Range(0, users).Select(i => UserLoopAsync(i, http, connector, questions, clock, stopAt, bot.Expected)));
            var all = turns.SelectMany(t => t).ToList();
            var cpuMs = memory.CpuMilliseconds();
            var loadAfter = LoadAverage();
            return TurnsResult.From(bot.Name, all, warmup, measured, bot.Expected, cpuMs, memory.PeakKiB(), startupPeak, connector.Unmatched, loadBefore, loadAfter);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>One member: ask, wait for the reply, ask the next question at once, until the time is up.</summary>
    private static async Task<List<Turn>> UserLoopAsync(int user, HttpClient http, ReplyConnector connector, IReadOnlyList<string> questions,
        Stopwatch clock, TimeSpan stopAt, string expected)
    {
        var random = new Random(user);
        var turns = new List<Turn>();
        for (var n = 0; clock.Elapsed < stopAt; n++)
        {
            var id = $"bench-{user:D3}-{n:D6}";
            var activity = Members.Question(connector.ServiceUrl, user, id, questions[random.Next(questions.Count)]);
            var reply = connector.Expect(id);
            var started = clock.Elapsed;
            var sent = Stopwatch.GetTimestamp();
            string outcome;
            TimeSpan latency = default;
            try
            {
                using var response = await http.PostAsync("/api/messages", new StringContent(activity, Encoding.UTF8, "application/json"));
                if (!response.IsSuccessStatusCode)
                {
                    outcome = $"HTTP {(int)response.StatusCode}";
                }
                else
                {
                    var received = await reply.WaitAsync(ReplyTimeout);
                    latency = Stopwatch.GetElapsedTime(sent, received.At);
                    outcome = received.Kind;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException)
            {
                outcome = ex is TimeoutException ? "no reply within 10 s" : ex.GetType().Name;
            }
            connector.Forget(id);
            turns.Add(new Turn(started, clock.Elapsed, latency, outcome));
        }
        return turns;
    }

    private static List<string> Questions(string golden) =>
        Directory.GetFiles(golden, "retrieval-*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => l.Trim().Length > 0)
            .Select(l => JsonNode.Parse(l)!["question"]!.GetValue<string>()).ToList();

    private static string LoadAverage() =>
        string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
