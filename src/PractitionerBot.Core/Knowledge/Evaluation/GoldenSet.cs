using System.Text.Json;

namespace PractitionerBot.Knowledge.Evaluation;

/// <summary>A question a practitioner might ask and the documents that answer it.</summary>
public sealed record GoldenQuestion(string Question, IReadOnlyList<string> Expected, string Style);

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

    /// <summary>Runs the questions through the bot's retrieval; the first expected id is graded 2, the others 1.</summary>
    public static RetrievalScores Evaluate(KnowledgeSearch search, IReadOnlyList<GoldenQuestion> questions, int depth = 10)
    {
        var ranked = new Dictionary<string, IReadOnlyList<string>>();
        var relevant = new Dictionary<string, IReadOnlyDictionary<string, int>>();
        for (var i = 0; i < questions.Count; i++)
        {
            var key = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ranked[key] = search.Ask(questions[i].Question, depth).Hits.Select(h => h.Passage.DocumentId).ToList();
            relevant[key] = questions[i].Expected.Select((id, rank) => (id, rank)).ToDictionary(x => x.id, x => x.rank == 0 ? 2 : 1);
        }
        return RetrievalMetrics.Score(ranked, relevant);
    }
}
