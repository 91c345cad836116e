using System.Text.Json;
using PractitionerBot.Knowledge;

namespace PractitionerBot.Cli.Commands;

internal static class AskCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        args.AllowOnly(["--top", "--json", "--batch", "--corpus", "--index", .. CliKnowledge.SemanticArgs]);
        var top = args.GetInt("--top", 3, 1, 50);
        var json = args.Has("--json");
        IEnumerable<string> questions;
        if (args.Get("--batch") is { } batch)
        {
            if (!File.Exists(batch)) throw new CliException($"batch file not found: {batch}");
            if (!json) throw new CliException("--batch writes JSON lines: add --json");
            questions = File.ReadLines(batch).Where(l => !string.IsNullOrWhiteSpace(l));
        }
        else
        {
            if (args.Positional.Count < 2) throw new CliException("ask needs a question: ask \"How do I set up a local network?\"");
            questions = [string.Join(' ', args.Positional.Skip(1))];
        }

        var knowledge = CliKnowledge.Compose(args);
        var options = knowledge.Options;
        var semantic = CliKnowledge.Semantic(args, knowledge); // a bad --model is said before any work
        using var index = CliKnowledge.OpenIndex(knowledge, stderr);
        var search = CliKnowledge.Search(index, knowledge, semantic, stderr);
        foreach (var question in questions)
        {
            var answer = search.Ask(question, top);
            if (json) stdout.WriteLine(JsonSerializer.Serialize(ToJson(answer), Json));
            else WriteText(answer, stdout);
        }
        return 0;
    }

    private static object ToJson(KnowledgeAnswer answer) => new
    {
        question = answer.Question,
        language = answer.Language,
        english = answer.Translation?.English,
        corrected = answer.Corrected,
        confident = answer.IsConfident,
        confidence = Math.Round(answer.Confidence, 3),
        evidence = new
        {
            passage = Math.Round(answer.Evidence.Passage, 3),
            document = Math.Round(answer.Evidence.Document, 3),
            rareTerms = Math.Round(answer.Evidence.RareTerms, 3),
        },
        semantic = answer.Semantic is { } s
            ? new { cosine = Math.Round(s.Cosine, 3), lexicalRank = s.LexicalRank, denseRank = s.DenseRank, agree = s.Agree }
            : null,
        answers = answer.Hits.Select(h => new
        {
            documentId = h.Passage.DocumentId,
            title = h.Passage.Title,
            section = h.Passage.Section,
            text = h.Passage.Text,
            snippet = h.Snippet,
            score = Math.Round(h.Score, 4),
            cosine = h.Cosine is { } c ? Math.Round(c, 4) : (double?)null,
            workingGroups = h.Passage.WorkingGroups,
            source = new { title = h.Passage.Source.Title, year = h.Passage.Source.Year ?? h.Passage.Year, url = h.Passage.Source.Url },
            page = h.Passage.Page,
            lastPage = h.Passage.LastPage,
        }),
    };

    private static void WriteText(KnowledgeAnswer answer, TextWriter stdout)
    {
        if (answer.Hits.Count == 0)
        {
            stdout.WriteLine("No passage matches that question.");
            return;
        }
        var meaning = answer.Semantic is { } s ? $", cosine {s.Cosine:F2}" : "";
        if (!answer.IsConfident) stdout.WriteLine($"(low confidence {answer.Confidence:F2}{meaning}: the bot would say it does not know)");
        foreach (var (hit, i) in answer.Hits.Select((h, i) => (h, i + 1)))
        {
            stdout.WriteLine($"{i}. {hit.Passage.Title} · {hit.Passage.Section} [{hit.Passage.DocumentId}, score {hit.Score:F2}]");
            stdout.WriteLine($"   {hit.Snippet}");
            stdout.WriteLine($"   Source: {hit.Passage.Source.Title}{(hit.Passage.Source.Year is { } y ? $" ({y})" : "")}");
        }
    }
}
