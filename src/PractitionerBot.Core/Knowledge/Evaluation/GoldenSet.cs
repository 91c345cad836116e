using System.Text.Json;

namespace PractitionerBot.Knowledge.Evaluation;

/// <summary>A question a practitioner might ask and the documents that answer it (none: the papers do not answer it).</summary>
public sealed record GoldenQuestion(string Question, IReadOnlyList<string> Expected, string Style, string? Kind = null);

public static class GoldenSet
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Reads every <c>retrieval-*.jsonl</c> file in a folder.</summary>
    public static IReadOnlyList<GoldenQuestion> Load(string folder) =>
        Directory.EnumerateFiles(folder, "retrieval-*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<GoldenQuestion>(line, Json) ?? throw new InvalidDataException($"bad golden line: {line}"))
            .ToList();

    /// <summary>Reads <c>unanswerable.jsonl</c>: questions the corpus does not answer, each with no expected document.</summary>
    public static IReadOnlyList<GoldenQuestion> LoadUnanswerable(string folder) =>
        File.ReadLines(Path.Combine(folder, "unanswerable.jsonl"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<GoldenQuestion>(line, Json) ?? throw new InvalidDataException($"bad golden line: {line}"))
            .ToList();

    /// <summary>Runs the questions through the bot's retrieval.</summary>
    public static RetrievalScores Evaluate(IKnowledgeSearch search, IReadOnlyList<GoldenQuestion> questions, int depth = 10) =>
        Score(Enumerable.Range(0, questions.Count).ToDictionary(Key,
            i => (IReadOnlyList<string>)search.Ask(questions[i].Question, depth).Hits.Select(h => h.Passage.DocumentId).ToList()), questions);

    /// <summary>Scores rankings keyed by question index; the first expected id is graded 2, the others 1.</summary>
    public static RetrievalScores Score(IReadOnlyDictionary<string, IReadOnlyList<string>> ranked, IReadOnlyList<GoldenQuestion> questions) =>
        RetrievalMetrics.Score(ranked, Enumerable.Range(0, questions.Count).ToDictionary(Key,
            i => (IReadOnlyDictionary<string, int>)questions[i].Expected.Select((id, rank) => (id, rank)).ToDictionary(x => x.id, x => x.rank == 0 ? 2 : 1)));

    private static string Key(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
