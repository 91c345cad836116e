using System.Diagnostics;
using System.Globalization;
using System.Text;
using PractitionerBot.Cards;
using PractitionerBot.Chat;
using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Evaluation;
using PractitionerBot.Knowledge.Ingestion;

namespace PractitionerBot.Cli.Commands;

/// <summary>
/// Latency and throughput of the full answer pipeline (analyse, search, blend, highlight, build the
/// card) against a bare Lucene term query on the same index, at several index sizes. The corpus is
/// scaled up synthetically: copies of each document take one section from another document, so
/// term statistics stay realistic without identical copies.
/// </summary>
internal static class BenchSearchCommand
{
    private const string Start = "<!-- bench:search:start -->";
    private const string End = "<!-- bench:search:end -->";

    public static Task<int> RunAsync(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        args.AllowOnly("--sizes", "--queries", "--out", "--corpus", "--golden");
        var sizes = (args.Get("--sizes") ?? "1000,10000,100000").Split(',')
            .Select(s => int.TryParse(s, out var n) && n is >= 100 and <= 2_000_000 ? n : throw new CliException($"--sizes: '{s}' is not a size from 100 to 2000000"))
            .ToList();
        var count = args.GetInt("--queries", 2000, 10, 1_000_000);
        var options = CliKnowledge.Options(args);
        var groups = CliKnowledge.Groups(options);
        var corpus = new CorpusLoader(groups.Ids).Load(options.CorpusPath).Documents;
        if (corpus.Count == 0) throw new CliException($"no documents in {options.CorpusPath}");
        var goldenFolder = args.Get("--golden") ?? Path.Combine("tests", "PractitionerBot.Tests", "Data", "golden");
        var texts = Localization.BotTexts.Load(Path.GetFullPath(Path.Combine("dialogs", "texts.yaml"))).In("en");
        var questions = Directory.Exists(goldenFolder) ? GoldenSet.Load(goldenFolder).Select(q => q.Question).ToList() : corpus.Select(d => d.Title).ToList();

        var rows = new List<string>();
        foreach (var size in sizes)
        {
            var temp = Path.Combine(Path.GetTempPath(), "practitionerbot-bench-" + Guid.NewGuid().ToString("N"));
            try
            {
                using var index = LuceneIndex.Open(temp);
                var documents = ScaleUp(corpus, size);
                var build = CliKnowledge.Indexer(groups.Ids).Index(index, documents, [], "bench");
                var search = new KnowledgeSearch(index, options);
                stderr.WriteLine($"{build.Passages} passages indexed in {build.Elapsed.TotalSeconds:F1} s");

                var firstTerms = questions.Select(q => search.Terms(q).FirstOrDefault() ?? "prevent").ToList();
                var full = Measure(count, i =>
                {
                    var reply = AnswerReplies.From(search.Ask(questions[i % questions.Count], 3), groups, texts);
                    return AdaptiveCardRenderer.Render(reply)?.ToJsonString().Length ?? 0;
                });
                var bare = Measure(count, i => search.BareTermSearch(firstTerms[i % firstTerms.Count]));
                rows.Add(Row(build.Passages, "full answer pipeline (Ask + card JSON)", full));
                rows.Add(Row(build.Passages, "baseline: bare TermQuery on body, top 10", bare));
                stderr.WriteLine(rows[^2]);
                stderr.WriteLine(rows[^1]);
            }
            finally
            {
                if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            }
        }

        var table = new StringBuilder()
            .AppendLine("| passages | pipeline | p50 ms | p99 ms | queries/s (2 threads) |")
            .AppendLine("|---:|---|---:|---:|---:|");
        foreach (var row in rows) table.AppendLine(row);
        var section = $"{Start}\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                      $"{count} queries per row (golden-set questions, cycled), after a warm-up.\n\n{table}{End}";
        stdout.WriteLine(table);
        if (args.Get("--out") is { } output) WriteSection(output, section);
        return Task.FromResult(0);
    }

    private static List<CorpusDocument> ScaleUp(IReadOnlyList<CorpusDocument> corpus, int passages)
    {
        var splitter = new PassageSplitter();
        var documents = new List<CorpusDocument>();
        var total = 0;
        for (var copy = 0; total < passages; copy++)
            for (var i = 0; i < corpus.Count && total < passages; i++)
            {
                var doc = corpus[i];
                var scaled = copy == 0 ? doc : doc with
                {
                    Id = $"{doc.Id}~{copy}",
                    Sections = [.. doc.Sections.Skip(copy % doc.Sections.Count), corpus[(i * 7 + copy) % corpus.Count].Sections[0]],
                };
                var count = splitter.Split(scaled).Count;
                if (total + count > passages && documents.Count > 0)
                {
                    // Trim the last document so the index has exactly the requested number of passages.
                    var keep = passages - total;
                    scaled = scaled with { Sections = scaled.Sections.Take(Math.Max(1, keep)).ToList() };
                    count = splitter.Split(scaled).Count;
                }
                documents.Add(scaled);
                total += count;
            }
        return documents;
    }

    private sealed record Timing(double P50, double P99, double Qps);

    private static Timing Measure(int count, Func<int, int> query)
    {
        for (var i = 0; i < Math.Min(1000, count); i++) query(i);
        var latencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            query(i);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(latencies);
        var clock = Stopwatch.StartNew();
        Parallel.For(0, count * 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => query(i));
        return new Timing(latencies[count / 2], latencies[(int)Math.Ceiling(count * 0.99) - 1], count * 2 / clock.Elapsed.TotalSeconds);
    }

    private static string Row(int passages, string name, Timing t) => string.Create(CultureInfo.InvariantCulture,
        $"| {passages:N0} | {name} | {t.P50:F3} | {t.P99:F3} | {t.Qps:N0} |");

    private static void WriteSection(string path, string section)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var a = text.IndexOf(Start, StringComparison.Ordinal);
        var b = text.IndexOf(End, StringComparison.Ordinal);
        text = a >= 0 && b > a ? text[..a] + section + text[(b + End.Length)..] : text.TrimEnd() + "\n\n" + section + "\n";
        File.WriteAllText(path, text);
    }
}
