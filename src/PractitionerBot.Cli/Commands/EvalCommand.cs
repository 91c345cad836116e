using System.Globalization;
using System.Text.Json;
using PractitionerBot.Knowledge.Evaluation;
using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge;

namespace PractitionerBot.Cli.Commands;

/// <summary>Indexes a BEIR data set into a temporary index and scores the bot's retrieval on it.</summary>
internal static class EvalCommand
{
    public static int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        args.AllowOnly(["--corpus", "--queries", "--qrels", "--json", "--golden", "--index", "--misses", "--tune", "--language", .. CliKnowledge.SemanticArgs]);
        if (args.Get("--language") is { } messages) return LanguageReport.Identification(messages, stdout, args.Has("--misses") ? stderr : null);
        if (args.Get("--golden") is { } golden) return Golden(args, golden, stdout, stderr);
        var corpusPath = Existing(args.Require("--corpus"));
        var queriesPath = Existing(args.Require("--queries"));
        var qrelsPath = Existing(args.Require("--qrels"));
        var knowledge = CliKnowledge.Compose(new CliArgs());
        var options = knowledge.Options;
        var semantic = CliKnowledge.Semantic(args, knowledge);
        // Vectors of an evaluation corpus are kept between runs (keyed by text and model, so never stale).
        if (args.Get("--vectors") is null)
            semantic.VectorsPath = Path.Combine(Path.GetTempPath(), "practitionerbot-vectors", Path.GetFileNameWithoutExtension(corpusPath) + "-" + PathKey(corpusPath));

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
            var lexical = new KnowledgeSearch(index, options);
            var hybrid = CliKnowledge.Hybrid(lexical, index, options, semantic, stderr, rememberQuestions: true);
            var judged = qrels.Where(q => queries.Any(x => x.Key == q.Key)).ToDictionary();
            RetrievalScores Score(Func<string, IEnumerable<string>> rank) =>
                RetrievalMetrics.Score(queries.ToDictionary(q => q.Key, q => (IReadOnlyList<string>)rank(q.Value).Take(10).ToList()), judged);

            var rows = new List<(string Key, string Name, RetrievalScores Scores)>
            {
                ("baseline", "baseline: plain BM25 flat", RetrievalMetrics.Score(PlainBm25.Rank(documents, queries.ToDictionary()), judged)),
                ("lexical", "lexical (bot's BM25)", Score(q => lexical.Ask(q, 10).Hits.Select(h => h.Passage.DocumentId))),
            };
            if (hybrid is not null)
            {
                rows.Add(("dense", $"dense ({semantic.Model})", Score(q => hybrid.Dense(q).Documents.Select(d => d.DocumentId))));
                rows.Add(("hybrid", "hybrid (fused)", Score(q => hybrid.Ask(q, 10).Hits.Select(h => h.Passage.DocumentId))));
            }
            var bot = rows[^1].Scores;

            if (args.Has("--json"))
            {
                var json = new System.Text.Json.Nodes.JsonObject
                {
                    ["ndcgAt10"] = Math.Round(bot.NdcgAt10, 4),
                    ["recallAt10"] = Math.Round(bot.RecallAt10, 4),
                    ["mrrAt10"] = Math.Round(bot.MrrAt10, 4),
                    ["queries"] = bot.Queries,
                    ["mode"] = hybrid is null ? "lexical" : "hybrid",
                    ["model"] = hybrid?.ModelId,
                };
                foreach (var (key, _, scores) in rows)
                    json[key] = new System.Text.Json.Nodes.JsonObject
                    {
                        ["ndcgAt10"] = Math.Round(scores.NdcgAt10, 4),
                        ["recallAt10"] = Math.Round(scores.RecallAt10, 4),
                        ["mrrAt10"] = Math.Round(scores.MrrAt10, 4),
                    };
                stdout.WriteLine(json.ToJsonString());
            }
            else
                foreach (var (_, name, scores) in rows) stdout.WriteLine(Line(name, scores));
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
        var knowledge = CliKnowledge.Compose(args);
        var options = knowledge.Options;
        var semantic = CliKnowledge.Semantic(args, knowledge);
        using var index = CliKnowledge.OpenIndex(knowledge, stderr);
        var questions = GoldenSet.Load(folder);
        var lexical = CliKnowledge.Search(index, knowledge);
        var hybrid = CliKnowledge.Hybrid(lexical, index, options, semantic, stderr, rememberQuestions: true);
        IKnowledgeSearch search = (IKnowledgeSearch?)hybrid ?? lexical;
        var scores = GoldenSet.Evaluate(search, questions);
        var corpus = new CorpusLoader(knowledge.Groups.Ids).Load(options.CorpusPath).Documents;
        var baseline = GoldenSet.Score(PlainBm25.Rank(corpus, questions.Select((q, i) => (i, q)).ToDictionary(x => Key(x.i), x => x.q.Question)), questions);
        if (args.Has("--json"))
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                recallAt3 = Math.Round(scores.RecallAt3, 4),
                mrr = Math.Round(scores.Mrr, 4),
                ndcgAt10 = Math.Round(scores.NdcgAt10, 4),
                queries = scores.Queries,
                mode = hybrid is null ? "lexical" : "hybrid",
                baseline = new { recallAt3 = Math.Round(baseline.RecallAt3, 4), mrr = Math.Round(baseline.Mrr, 4), ndcgAt10 = Math.Round(baseline.NdcgAt10, 4) },
            }));
        else
        {
            var unanswerable = File.Exists(Path.Combine(folder, "unanswerable.jsonl")) ? GoldenSet.LoadUnanswerable(folder) : [];
            stdout.WriteLine(GoldenLine("PractitionerBot retrieval", scores));
            stdout.WriteLine(GoldenLine("baseline: plain BM25 flat", baseline));
            if (unanswerable.Count > 0) AbstainReport.Write(AbstainEvaluation.Run(lexical, questions, unanswerable), options, stdout);
            if (hybrid is not null)
                HybridReport.Write(lexical, hybrid, baseline, questions, unanswerable, options, semantic, args.Has("--tune"), stdout,
                    args.Has("--misses") ? stderr : null);
        }
        if (!args.Has("--json")) LanguageReport.Write(search, folder, questions, File.Exists(Path.Combine(folder, "unanswerable.jsonl"))
            ? GoldenSet.LoadUnanswerable(folder) : [], options, stdout, args.Has("--misses") ? stderr : null, args.Has("--tune"));
        if (args.Has("--misses"))
            foreach (var q in questions)
            {
                var top = search.Ask(q.Question, 3).Hits.Select(h => h.Passage.DocumentId).ToList();
                if (!q.Expected.Any(top.Contains)) stderr.WriteLine($"MISS [{q.Style}] {q.Question} -> expected {q.Expected[0]}, got {string.Join(", ", top)}");
            }
        return 0;
    }

    /// <summary>A short stable key for a file's full path.</summary>
    private static string PathKey(string path) =>
        Convert.ToHexStringLower(System.IO.Hashing.XxHash64.Hash(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(path))))[..12];

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
