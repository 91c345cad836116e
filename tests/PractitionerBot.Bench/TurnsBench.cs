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
/// with <see cref="EchoBot"/> in place of the real handler. With <c>--rate 10,20,40</c> both bots also get an
/// open loop: questions arrive at a fixed rate whatever the replies do, as a deployment sees them; with
/// <c>--gc</c> the real bot's closed loop is repeated under other garbage-collector settings.
/// </summary>
internal static class TurnsBench
{
    private const string Start = "<!-- bench:turns:start -->";
    private const string End = "<!-- bench:turns:end -->";
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    private sealed record Bot(string Name, string Dll, string[] Prefix, string Expected);

    /// <summary>How a run drives the bot: <paramref name="Rate"/> null is the closed loop of <c>--users</c> members.</summary>
    private sealed record Load(double? Rate, int Members, string Gc);

    /// <summary>Garbage-collector settings to compare, as the environment variables that override the bot's runtimeconfig.json.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> GcSettings = new()
    {
        ["as-built"] = [],
        ["server"] = new() { ["DOTNET_gcServer"] = "1", ["DOTNET_GCHeapCount"] = "0", ["DOTNET_GCConserveMemory"] = "0", ["DOTNET_GCgen0size"] = "0" },
        ["server-1heap"] = new() { ["DOTNET_gcServer"] = "1", ["DOTNET_GCHeapCount"] = "1", ["DOTNET_GCHeapAffinitizeMask"] = "1", ["DOTNET_GCConserveMemory"] = "0" },
        ["server-conserve7"] = new() { ["DOTNET_gcServer"] = "1", ["DOTNET_GCConserveMemory"] = "7" },
        ["server-gen0max-32mb"] = new() { ["DOTNET_gcServer"] = "1", ["DOTNET_GCgen0MaxBudget"] = "0x2000000" },
        ["server-gen0max-64mb"] = new() { ["DOTNET_gcServer"] = "1", ["DOTNET_GCgen0MaxBudget"] = "0x4000000" },
        // What a container with a 512 MB memory limit gets by itself: the GC takes 75% of the limit as its hard limit.
        ["server-hardlimit-384mb"] = new() { ["DOTNET_gcServer"] = "1", ["DOTNET_GCHeapHardLimit"] = "0x18000000" },
        ["workstation"] = new() { ["DOTNET_gcServer"] = "0", ["DOTNET_gcConcurrent"] = "1" },
        ["workstation-nonconcurrent"] = new() { ["DOTNET_gcServer"] = "0", ["DOTNET_gcConcurrent"] = "0" },
        ["workstation-conserve5"] = new() { ["DOTNET_gcServer"] = "0", ["DOTNET_GCConserveMemory"] = "5" },
        ["workstation-gen0-16mb"] = new() { ["DOTNET_gcServer"] = "0", ["DOTNET_GCgen0size"] = "0x1000000" },
        ["workstation-hardlimit-256mb"] = new() { ["DOTNET_gcServer"] = "0", ["DOTNET_GCHeapHardLimit"] = "0x10000000" },
        // glibc gives each thread that allocates its own malloc arena and keeps what was freed there (native allocations: ONNX Runtime, SQLite).
        ["malloc-arenas-2"] = new() { ["MALLOC_ARENA_MAX"] = "2" },
        ["malloc-arenas-1"] = new() { ["MALLOC_ARENA_MAX"] = "1" },
        // Arrays up to 1 MB in the compacted small-object heap instead of the large-object heap.
        ["loh-threshold-1mb"] = new() { ["DOTNET_GCLOHThreshold"] = "0x100000" },
    };

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
        var rates = (Option(args, "--rate") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToList();
        // --set Key=Value (repeatable): a setting for both bots, e.g. --set Knowledge:Semantic:Enabled=false.
        var extra = Options(args, "--set").Select(kv => "--" + kv).ToArray();
        var lexicalOnly = extra.Any(e => e.Equals("--Knowledge:Semantic:Enabled=false", StringComparison.OrdinalIgnoreCase));
        // One store of passage vectors for every run: the first bot embeds the corpus, the others find the vectors
        // stored, as a bot does after its first start. Each run is measured once its search is hybrid.
        var vectors = Directory.CreateTempSubdirectory("pb-turns-vectors-");
        extra = [.. extra, $"--Knowledge:Semantic:VectorsPath={vectors.FullName}"];
        var gcs = (Option(args, "--gc") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(g => g.Trim()).ToList();
        if (gcs.FirstOrDefault(g => !GcSettings.ContainsKey(g)) is { } unknown)
        {
            Console.Error.WriteLine($"--gc: unknown setting '{unknown}'; one of: {string.Join(", ", GcSettings.Keys)}");
            return 2;
        }

        var runs = new List<(Bot Bot, Load Load)>();
        foreach (var bot in bots) runs.Add((bot, new Load(null, users, "as-built")));
        foreach (var gc in gcs.Where(g => g != "as-built")) runs.AddRange(bots.Where(b => b.Expected == "answer").Select(b => (b, new Load(null, users, gc))));
        // Open loop: enough members that one member's turns rarely overlap (each asks every 4 s or less often).
        foreach (var rate in rates) runs.AddRange(bots.Select(b => (b, new Load(rate, Math.Max(users, (int)Math.Ceiling(rate * 4)), "as-built"))));

        var results = new List<TurnsResult>();
        foreach (var (bot, load) in runs)
        {
            var result = await RunBotAsync(bot, load, root, questions, extra, lexicalOnly ? null : "hybrid", TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds));
            results.Add(result);
            Console.WriteLine(result.Row());
            foreach (var (kind, count) in result.Kinds) Console.WriteLine($"  {kind}: {count}");
        }

        var table = new StringBuilder().AppendLine(TurnsResult.Header);
        foreach (var r in results) table.AppendLine(r.Row());
        table.AppendLine().AppendLine("Replies over the whole run, warm-up included (an answer card or the card that says the papers have no good answer both count as answered; anything else is an error):");
        foreach (var r in results) table.AppendLine(CultureInfo.InvariantCulture, $"- {r.Name}: {string.Join(", ", r.Kinds.Select(k => $"{k.Count:N0} {k.Kind}"))}");
        var command = $"turns --users {users} --seconds {seconds} --warmup {warmup}" + (rates.Count > 0 ? $" --rate {Option(args, "--rate")}" : "")
                      + (gcs.Count > 0 ? $" --gc {Option(args, "--gc")}" : "") + string.Concat(Options(args, "--set").Select(kv => $" --set {kv}"));
        var section = $"{Start}\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores (shared with other builds; load average in the table), .NET {Environment.Version}, " +
                      $"`{command}`: closed loop of {users} users, open loops at a fixed arrival rate, each for {seconds} s after a {warmup} s warm-up, {questions.Count} golden-set questions drawn at random, " +
                      "each bot as its own process (Release, anonymous auth, its own SQLite and index), `Chat:TurnsPerMinute=10000`, log level Warning, " +
                      (lexicalOnly ? "lexical search only.\n\n" : "measured once `/healthz` says hybrid (the passages embedded, as a running bot keeps them).\n\n") + table + End;
        if (Option(args, "--out") is { } output) WriteSection(output, Start, End, section);
        try { vectors.Delete(recursive: true); } catch (IOException) { }
        return results.All(r => r.Errors == 0) ? 0 : 1;
    }

    private static async Task<TurnsResult> RunBotAsync(Bot bot, Load load, string root, IReadOnlyList<string> questions, string[] extra, string? mode,
        TimeSpan warmup, TimeSpan measured)
    {
        var dir = Directory.CreateTempSubdirectory("pb-turns-");
        var botPort = FreePort();
        await using var connector = new ReplyConnector(FreePort());
        await connector.StartAsync();
        string[] settings =
        [
            .. bot.Prefix, $"--urls=http://127.0.0.1:{botPort}", $"--Storage:SqlitePath={Path.Combine(dir.FullName, "bot.db")}",
            $"--Knowledge:IndexPath={Path.Combine(dir.FullName, "idx")}", "--Chat:TurnsPerMinute=10000", "--Logging:LogLevel:Default=Warning",
            .. extra,
        ];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{botPort}"), Timeout = ReplyTimeout };
        using var process = StartBot(bot.Dll, root, settings, GcSettings[load.Gc]);
        try
        {
            await WaitReadyAsync(http, mode, TimeSpan.FromMinutes(5));
            Members.Seed(Path.Combine(dir.FullName, "bot.db"), load.Members, connector.ServiceUrl);
            var memory = new ProcessMemory(process.Id);
            var startupPeak = memory.PeakKiB();
            memory.ResetPeak();
            var loadBefore = LoadAverage();

            var clock = Stopwatch.StartNew();
            var stopAt = warmup + measured;
            var all = load.Rate is { } rate
                ? await OpenLoopAsync(rate, load.Members, http, connector, questions, clock, stopAt)
                : (await Task.WhenAll(Enumerable.Range(0, load.Members).Select(i => UserLoopAsync(i, http, connector, questions, clock, stopAt))))
                    .SelectMany(t => t).ToList();
            var cpuMs = memory.CpuMilliseconds();
            var loadAfter = LoadAverage();
            var name = load.Rate is { } r ? $"{bot.Name}, open loop {r:0.#}/s" : $"{bot.Name}, closed loop {load.Members} users";
            if (load.Gc != "as-built") name += $", GC {load.Gc}";
            return TurnsResult.From(name, all, warmup, measured, bot.Expected, cpuMs, memory.PeakKiB(), startupPeak, connector.Unmatched, loadBefore, loadAfter);
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
        Stopwatch clock, TimeSpan stopAt)
    {
        var random = new Random(user);
        var turns = new List<Turn>();
        for (var n = 0; clock.Elapsed < stopAt; n++)
            turns.Add(await TurnAsync(http, connector, user, $"bench-{user:D3}-{n:D6}", questions[random.Next(questions.Count)], clock, clock.Elapsed));
        return turns;
    }

    /// <summary>
    /// Questions arrive every 1/<paramref name="rate"/> s, round the members, whether or not earlier ones were answered.
    /// Latency runs from when a question was due, so a bot that falls behind shows it (no coordinated omission).
    /// </summary>
    private static async Task<List<Turn>> OpenLoopAsync(double rate, int members, HttpClient http, ReplyConnector connector, IReadOnlyList<string> questions,
        Stopwatch clock, TimeSpan stopAt)
    {
        var random = new Random(7);
        var running = new List<Task<Turn>>();
        for (var n = 0; ; n++)
        {
            var due = TimeSpan.FromSeconds(n / rate);
            if (due >= stopAt) break;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var (user, id, question) = (n % members, $"bench-{n % members:D3}-{n:D6}", questions[random.Next(questions.Count)]);
            running.Add(Task.Run(() => TurnAsync(http, connector, user, id, question, clock, due)));
        }
        return [.. await Task.WhenAll(running)];
    }

    /// <summary>One question and its reply; latency from <paramref name="due"/> to the reply reaching the connector.</summary>
    private static async Task<Turn> TurnAsync(HttpClient http, ReplyConnector connector, int user, string id, string question, Stopwatch clock, TimeSpan due)
    {
        var activity = Members.Question(connector.ServiceUrl, user, id, question);
        var reply = connector.Expect(id);
        var dueAt = Stopwatch.GetTimestamp() - (long)((clock.Elapsed - due).TotalSeconds * Stopwatch.Frequency);
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
                latency = Stopwatch.GetElapsedTime(dueAt, received.At);
                outcome = received.Kind;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException)
        {
            outcome = ex is TimeoutException ? "no reply within 10 s" : ex.GetType().Name;
        }
        connector.Forget(id);
        return new Turn(due, clock.Elapsed, latency, outcome);
    }

    private static List<string> Questions(string golden) =>
        Directory.GetFiles(golden, "retrieval-*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => l.Trim().Length > 0)
            .Select(l => JsonNode.Parse(l)!["question"]!.GetValue<string>()).ToList();

    private static string LoadAverage() =>
        string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
