using System.Diagnostics;
using System.Globalization;
using System.Text;
using PractitionerBot.Answers;
using PractitionerBot.Cards;
using PractitionerBot.Knowledge.Evaluation;
using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Model;
using PractitionerBot.Knowledge;

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
        args.AllowOnly(["--sizes", "--queries", "--out", "--corpus", "--golden", .. CliKnowledge.SemanticArgs]);
        var sizes = (args.Get("--sizes") ?? "1000,10000,100000").Split(',')
            .Select(s => int.TryParse(s, out var n) && n is >= 100 and <= 2_000_000 ? n : throw new CliException($"--sizes: '{s}' is not a size from 100 to 2000000"))
            .ToList();
        var count = args.GetInt("--queries", 2000, 10, 1_000_000);
        var knowledge = CliKnowledge.Compose(args);
        var options = knowledge.Options;
        // The scaled-up corpus repeats the corpus's passages: their vectors come from the store beside the real index.
        var semantic = CliKnowledge.Semantic(args, knowledge);
        var groups = knowledge.Groups;
        var corpus = new CorpusLoader(groups.Ids).Load(options.CorpusPath).Documents;
        if (corpus.Count == 0) throw new CliException($"no documents in {options.CorpusPath}");
        var goldenFolder = args.Get("--golden") ?? Path.Combine("tests", "PractitionerBot.Tests", "Data", "golden");
        var texts = Localization.BotTexts.Load(Path.GetFullPath(Path.Combine("dialogs", "texts.yaml"))).In("en");
        var questions = Directory.Exists(goldenFolder) ? GoldenSet.Load(goldenFolder).Select(q => q.Question).ToList() : corpus.Select(d => d.Title).ToList();

        var rows = new List<string>();
        var builds = new List<string>();
        foreach (var size in sizes)
        {
            var temp = Path.Combine(Path.GetTempPath(), "practitionerbot-bench-" + Guid.NewGuid().ToString("N"));
            try
            {
                var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
                using var index = LuceneIndex.Open(temp);
                var documents = ScaleUp(corpus, size, foreignSections: !semantic.Enabled);
                var build = CliKnowledge.Indexer(groups.Ids).Index(index, documents, [], "bench");
                var lexical = new KnowledgeSearch(index, options);
                stderr.WriteLine($"{build.Passages} passages indexed in {build.Elapsed.TotalSeconds:F1} s");
                var semanticClock = Stopwatch.StartNew();
                var hybrid = CliKnowledge.Hybrid(lexical, index, options, semantic, stderr);
                semanticClock.Stop();
                var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
                builds.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {build.Passages:N0} | {build.Elapsed.TotalSeconds:F1} | {(hybrid is null ? "" : semanticClock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture))} | {(hybrid is null ? "" : (hybrid.Vectors.VectorBytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture))} | {(heapAfter - heapBefore) / 1048576.0:F0} | {Environment.WorkingSet / 1048576.0:F0} |"));

                IKnowledgeSearch search = (IKnowledgeSearch?)hybrid ?? lexical;
                var firstTerms = questions.Select(q => lexical.Terms(q) is [var first, ..] ? first : "prevent").ToList();
                int Pipeline(IKnowledgeSearch s, int i)
                {
                    var reply = AnswerReplies.From(s.Ask(questions[i % questions.Count], 3), groups, texts);
                    return AdaptiveCardRenderer.Render(reply)?.ToJsonString().Length ?? 0;
                }
                if (hybrid is not null)
                    rows.Add(Row(build.Passages, "hybrid answer pipeline, question embedding included (Ask + card JSON)", Measure(count, i => Pipeline(hybrid, i))));
                rows.Add(Row(build.Passages, "lexical answer pipeline (Ask + card JSON)", Measure(count, i => Pipeline(lexical, i))));
                rows.Add(Row(build.Passages, "baseline: bare TermQuery on body, top 10", Measure(count, i => lexical.BareTermSearch(firstTerms[i % firstTerms.Count]))));
                foreach (var row in rows.TakeLast(hybrid is null ? 2 : 3)) stderr.WriteLine(row);
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
        table.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Index build and memory ({(semantic.Enabled ? semantic.Model + ", vectors from " + semantic.VectorsPath + " when the same text was embedded before" : "lexical only")}):")
            .AppendLine()
            .AppendLine("| passages | Lucene index build s | dense index build s (embedding what is missing) | vectors MB | managed heap growth MB | process working set MB |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var row in builds) table.AppendLine(row);
        var section = $"{Start}\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                      $"{count} queries per row (golden-set questions, cycled), after a warm-up.\n\n{table}{End}";
        stdout.WriteLine(table);
        if (args.Get("--out") is { } output) WriteSection(output, section);
        return Task.FromResult(0);
    }

    /// <summary>
    /// Copies of the corpus up to <paramref name="passages"/>. With <paramref name="foreignSections"/>, each copy also takes a
    /// section from another document (more realistic term statistics); without, copies only rotate their own sections, so
    /// every passage repeats one of the corpus's texts and takes its vector from the store (embedding 100,000 distinct
    /// passages on 2 cores would take about 40 minutes at best).
    /// </summary>
    private static List<CorpusDocument> ScaleUp(IReadOnlyList<CorpusDocument> corpus, int passages, bool foreignSections)
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
                    Sections = foreignSections
                        ? [.. doc.Sections.Skip(copy % doc.Sections.Count), corpus[(i * 7 + copy) % corpus.Count].Sections[0]]
                        : [.. doc.Sections.Skip(copy % doc.Sections.Count), .. doc.Sections.Take(copy % doc.Sections.Count)],
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
