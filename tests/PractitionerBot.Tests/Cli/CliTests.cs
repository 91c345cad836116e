using System.Text.Json.Nodes;
using PractitionerBot.Cli;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Cli;

/// <summary>The CLI through its entry point, with the repository's corpus and a temporary index.</summary>
[Collection("cwd")]
public sealed class CliTests : IDisposable
{
    private readonly TempDir _dir = new();

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = RepoPaths.Root;
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await CliProgram.RunAsync(args, stdout, stderr);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public async Task IndexBuild_ReportsDocumentsPassagesAndNoSkippedFiles()
    {
        var (code, output, _) = await RunAsync("index", "build", "--index", _dir.File("idx"));
        Assert.Equal(0, code);
        Assert.Matches(@"Documents: 1\d\d", output);
        Assert.Contains("Skipped:   0", output);
    }

    [Fact]
    public async Task IndexBuild_WithAMissingCorpus_StopsNamingTheKey_AsTheBotDoes()
    {
        var (code, output, error) = await RunAsync("index", "build", "--corpus", _dir.File("no-such-corpus"), "--index", _dir.File("idx"));
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("Knowledge:CorpusPath: '" + _dir.File("no-such-corpus") + "' does not exist", error);
    }

    [Fact]
    public async Task AskJson_PrintsTheDocumentedShape()
    {
        var (code, output, _) = await RunAsync("ask", "What risk assessment tools exist for returnees?", "--json", "--top", "2", "--index", _dir.File("idx"),
            "--vectors", await Knowledge.Semantic.SemanticModel.CorpusVectorsAsync());
        Assert.Equal(0, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("What risk assessment tools exist for returnees?", json["question"]!.GetValue<string>());
        var answers = json["answers"]!.AsArray();
        Assert.Equal(2, answers.Count);
        foreach (var key in new[] { "documentId", "title", "section", "text", "snippet", "score", "cosine", "workingGroups", "source" })
            Assert.NotNull(answers[0]![key]);
        Assert.NotNull(answers[0]!["source"]!["title"]);
        // The semantic evidence beside the lexical one.
        Assert.NotNull(json["evidence"]!["document"]);
        Assert.InRange(json["semantic"]!["cosine"]!.GetValue<double>(), 0.3, 1.0);
        Assert.NotNull(json["semantic"]!["denseRank"]);
    }

    [Fact]
    public async Task Ask_WithMissingVectors_EmbedsThemFirstWithAProgressLine_ThenReusesThem()
    {
        Directory.CreateDirectory(_dir.File("corpus"));
        foreach (var name in new[] { "exit-digital-exit-work.md", "pp-families-in-rehabilitation.md", "pp-returnees-in-prison-probation.md" })
            File.Copy(Path.Combine(RepoPaths.Corpus, name), Path.Combine(_dir.File("corpus"), name));
        string[] args = ["ask", "my client wants to do counselling over whatsapp is that ok", "--json", "--corpus", _dir.File("corpus"), "--index", _dir.File("idx")];

        var (code, output, error) = await RunAsync(args);
        Assert.Equal(0, code);
        Assert.Matches(@"Embedding passages: (\d+)/\1", error);
        Assert.True(Directory.Exists(_dir.File("idx-vectors")), "the vectors are stored beside the index");
        var json = JsonNode.Parse(output)!;
        Assert.Equal("exit-digital-exit-work", json["answers"]![0]!["documentId"]!.GetValue<string>());
        Assert.NotNull(json["semantic"]);

        var (again, _, secondError) = await RunAsync(args);
        Assert.Equal(0, again);
        Assert.DoesNotContain("Embedding passages", secondError);
    }

    [Fact]
    public async Task Ask_Lexical_HasNoSemanticEvidence()
    {
        var (code, output, error) = await RunAsync("ask", "tabletop exercise", "--json", "--lexical", "--index", _dir.File("idx"));
        Assert.Equal(0, code);
        Assert.Null(JsonNode.Parse(output)!["semantic"]);
        Assert.DoesNotContain("Embedding", error);
    }

    [Fact]
    public async Task AskBatch_PrintsOneJsonObjectPerLine()
    {
        File.WriteAllLines(_dir.File("q.txt"), ["exit work with formers", "", "tabletop exercise"]);
        var (code, output, _) = await RunAsync("ask", "--batch", _dir.File("q.txt"), "--json", "--index", _dir.File("idx"),
            "--vectors", await Knowledge.Semantic.SemanticModel.CorpusVectorsAsync());
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.NotNull(JsonNode.Parse(l)!["answers"]));
    }

    [Fact]
    public async Task BenchRead_PrintsWhatReadingCosts_ForEachLanguageOfTheGoldenFolder()
    {
        Directory.CreateDirectory(_dir.File("golden/de"));
        File.WriteAllText(_dir.File("golden/retrieval-x.jsonl"), """
            {"question": "how do i talk to a pupil who says extremist things", "expected": ["edu-extremist-remark-in-class"]}
            """);
        File.WriteAllText(_dir.File("golden/de/retrieval-de.jsonl"), """
            {"question": "Wie spreche ich einen Schüler auf extremistische Äußerungen an?", "expected": ["edu-extremist-remark-in-class"]}
            """);

        var (code, output, _) = await RunAsync("bench", "read", "--golden", _dir.File("golden"), "--repeat", "2", "--index", _dir.File("idx"));

        Assert.Equal(0, code);
        Assert.Matches(@"\| en \| 1 \| [\d.]+ / [\d.]+ \| [\d.]+ / [\d.]+ / [\d.]+ \|", output);
        Assert.Matches(@"\| de \| 1 \|", output);
        Assert.DoesNotContain("| fr |", output);
    }

    [Fact]
    public async Task Eval_OnATinyBeirSet_PrintsTheMetrics()
    {
        File.WriteAllLines(_dir.File("corpus.jsonl"), [
            "{\"_id\": \"d1\", \"title\": \"Cats\", \"text\": \"Cats purr and sleep a lot.\"}",
            "{\"_id\": \"d2\", \"title\": \"Dogs\", \"text\": \"Dogs bark and fetch sticks.\"}",
        ]);
        File.WriteAllLines(_dir.File("queries.jsonl"), ["{\"_id\": \"q1\", \"text\": \"why do cats purr\"}", "{\"_id\": \"q2\", \"text\": \"dogs bark\"}"]);
        File.WriteAllLines(_dir.File("qrels.tsv"), ["query-id\tcorpus-id\tscore", "q1\td1\t1", "q2\td2\t1"]);
        var (code, output, _) = await RunAsync("eval", "--corpus", _dir.File("corpus.jsonl"), "--queries", _dir.File("queries.jsonl"), "--qrels", _dir.File("qrels.tsv"), "--json");
        Assert.Equal(0, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(1.0, json["ndcgAt10"]!.GetValue<double>());
        Assert.Equal(2, json["queries"]!.GetValue<int>());
        Assert.Equal("hybrid", json["mode"]!.GetValue<string>());
        foreach (var pipeline in new[] { "baseline", "lexical", "dense", "hybrid" })
            Assert.InRange(json[pipeline]!["ndcgAt10"]!.GetValue<double>(), 0.0, 1.0);
        Assert.Equal(1.0, json["dense"]!["ndcgAt10"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("index", "destroy")]
    [InlineData("ask")]
    [InlineData("ask", "x", "--top", "zero")]
    [InlineData("ask", "x", "--colour", "red")]
    [InlineData("ask", "x", "--model", "gpt")]
    public async Task BadCommandLine_ExitsWith2AndSaysWhy(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
    }

    public void Dispose() => _dir.Dispose();
}

[CollectionDefinition("cwd", DisableParallelization = true)]
public sealed class CurrentDirectoryCollection;

[Collection("cwd")]
public sealed class RouteCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public async Task RouteBatchJson_PrintsAllTenGroupsBestFirstPerLine()
    {
        File.WriteAllLines(_dir.File("texts.txt"), ["I teach history to 15-year-olds", "prison chaplain worried about recruitment on the wing"]);
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = RepoPaths.Root;
        try
        {
            var stdout = new StringWriter();
            var code = await CliProgram.RunAsync(["route", "--batch", _dir.File("texts.txt"), "--json", "--index", _dir.File("idx")], stdout, new StringWriter());
            Assert.Equal(0, code);
            var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
            Assert.Equal(2, lines.Count);
            Assert.Equal("education", lines[0]["workingGroups"]![0]!["id"]!.GetValue<string>());
            Assert.Equal("prison-probation", lines[1]["workingGroups"]![0]!["id"]!.GetValue<string>());
            foreach (var line in lines)
            {
                var groups = line["workingGroups"]!.AsArray();
                Assert.Equal(10, groups.Count);
                Assert.All(groups, g => Assert.NotNull(g!["reason"]));
                var scores = groups.Select(g => g!["score"]!.GetValue<double>()).ToList();
                Assert.Equal(scores.OrderDescending(), scores);
            }
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    public void Dispose() => _dir.Dispose();
}
