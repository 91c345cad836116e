using System.Globalization;
using System.Text.Json;
using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Evaluation;
using PractitionerBot.Knowledge.Ingestion;

namespace PractitionerBot.Cli.Commands;

/// <summary>Indexes a BEIR data set into a temporary index and scores the bot's retrieval on it.</summary>
internal static class EvalCommand
{
    public static int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        args.AllowOnly("--corpus", "--queries", "--qrels", "--json", "--golden", "--index", "--misses", "--language");
        if (args.Get("--language") is { } messages) return LanguageReport.Identification(messages, stdout, args.Has("--misses") ? stderr : null);
        if (args.Get("--golden") is { } golden) return Golden(args, golden, stdout, stderr);
        var corpusPath = Existing(args.Require("--corpus"));
        var queriesPath = Existing(args.Require("--queries"));
        var qrelsPath = Existing(args.Require("--qrels"));
        var options = CliKnowledge.Options(new CliArgs());

        var skipped = new List<SkippedFile>();
        var documents = new JsonlReader(new HashSet<string>()).Read(corpusPath, new DocumentMetadata(), skipped).ToList();
        foreach (var s in skipped) stderr.WriteLine($"skipped {s.Path}: {s.Reason}");

        var temp = Path.Combine(Path.GetTempPath(), "practitionerbot-eval-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var index = LuceneIndex.Open(temp);
            var report = CliKnowledge.Indexer(new HashSet<string>()).Index(index, documents, skipped, "eval");
            stderr.WriteLine($"Indexed {report.Documents} documents ({report.Passages} passages) in {report.Elapsed.TotalSeconds:F1} s.");

            var qrels = ReadQrels(qrelsPath);
            var queries = ReadQueries(queriesPath).Where(q => qrels.ContainsKey(q.Key)).ToList();
            var search = new KnowledgeSearch(index, options);
            var ranked = queries.ToDictionary(q => q.Key,
                q => (IReadOnlyList<string>)search.Ask(q.Value, 10).Hits.Select(h => h.Passage.DocumentId).ToList());
            var judged = qrels.Where(q => ranked.ContainsKey(q.Key)).ToDictionary();
            var scores = RetrievalMetrics.Score(ranked, judged);
            var baseline = RetrievalMetrics.Score(PlainBm25.Rank(documents, queries.ToDictionary()), judged);

            if (args.Has("--json"))
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    ndcgAt10 = Math.Round(scores.NdcgAt10, 4),
                    recallAt10 = Math.Round(scores.RecallAt10, 4),
                    mrrAt10 = Math.Round(scores.MrrAt10, 4),
                    queries = scores.Queries,
                    baseline = new { ndcgAt10 = Math.Round(baseline.NdcgAt10, 4), recallAt10 = Math.Round(baseline.RecallAt10, 4), mrrAt10 = Math.Round(baseline.MrrAt10, 4) },
                }));
            else
            {
                stdout.WriteLine(Line("PractitionerBot retrieval", scores));
                stdout.WriteLine(Line("baseline: plain BM25 flat", baseline));
            }
            return 0;
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>The golden set: practitioners' questions against the embedded corpus, through the bot's own retrieval.</summary>
    private static int Golden(CliArgs args, string folder, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(folder)) throw new CliException($"golden-set folder not found: {folder}");
        var options = CliKnowledge.Options(args);
        using var index = CliKnowledge.OpenIndex(options, stderr);
        var questions = GoldenSet.Load(folder);
        var search = CliKnowledge.Search(index, options);
        var scores = GoldenSet.Evaluate(search, questions);
        var corpus = new CorpusLoader(CliKnowledge.Groups(options).Ids).Load(options.CorpusPath).Documents;
        var baseline = GoldenSet.Score(PlainBm25.Rank(corpus, questions.Select((q, i) => (i, q)).ToDictionary(x => Key(x.i), x => x.q.Question)), questions);
        if (args.Has("--json"))
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                recallAt3 = Math.Round(scores.RecallAt3, 4),
                mrr = Math.Round(scores.Mrr, 4),
                ndcgAt10 = Math.Round(scores.NdcgAt10, 4),
                queries = scores.Queries,
                baseline = new { recallAt3 = Math.Round(baseline.RecallAt3, 4), mrr = Math.Round(baseline.Mrr, 4), ndcgAt10 = Math.Round(baseline.NdcgAt10, 4) },
            }));
        else
        {
            stdout.WriteLine(GoldenLine("PractitionerBot retrieval", scores));
            stdout.WriteLine(GoldenLine("baseline: plain BM25 flat", baseline));
        }
        if (File.Exists(Path.Combine(folder, "unanswerable.jsonl")) && !args.Has("--json"))
            AbstainReport.Write(AbstainEvaluation.Run(search, questions, GoldenSet.LoadUnanswerable(folder)), options, stdout);
        if (!args.Has("--json")) LanguageReport.Write(search, folder, questions, File.Exists(Path.Combine(folder, "unanswerable.jsonl"))
            ? GoldenSet.LoadUnanswerable(folder) : [], options, stdout, args.Has("--misses") ? stderr : null);
        if (args.Has("--misses"))
            foreach (var q in questions)
            {
                var top = search.Ask(q.Question, 3).Hits.Select(h => h.Passage.DocumentId).ToList();
                if (!q.Expected.Any(top.Contains)) stderr.WriteLine($"MISS [{q.Style}] {q.Question} -> expected {q.Expected[0]}, got {string.Join(", ", top)}");
            }
        return 0;
    }

    private static string Key(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string GoldenLine(string name, RetrievalScores s) => string.Create(CultureInfo.InvariantCulture,
        $"{name,-28} Recall@3 {s.RecallAt3:F4}  MRR {s.Mrr:F4}  nDCG@10 {s.NdcgAt10:F4}  ({s.Queries} questions)");

    private static string Line(string name, RetrievalScores s) => string.Create(CultureInfo.InvariantCulture,
        $"{name,-28} nDCG@10 {s.NdcgAt10:F4}  Recall@10 {s.RecallAt10:F4}  MRR@10 {s.MrrAt10:F4}  ({s.Queries} queries)");

    private static string Existing(string path) => File.Exists(path) ? path : throw new CliException($"file not found: {path}");

    private static Dictionary<string, string> ReadQueries(string path)
    {
        var queries = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var json = JsonDocument.Parse(line);
            queries[json.RootElement.GetProperty("_id").ToString()] = json.RootElement.GetProperty("text").GetString() ?? "";
        }
        return queries;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, int>> ReadQrels(string path)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3 || !int.TryParse(parts[2], out var score)) continue;
            if (!qrels.TryGetValue(parts[0], out var judged)) qrels[parts[0]] = judged = [];
            judged[parts[1]] = score;
        }
        return qrels.ToDictionary(q => q.Key, q => (IReadOnlyDictionary<string, int>)q.Value);
    }
}
