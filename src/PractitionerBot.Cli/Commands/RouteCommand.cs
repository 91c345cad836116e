using System.Globalization;
using System.Text.Json;
using PractitionerBot.Knowledge;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Cli.Commands;

/// <summary>Ranks the ten working groups for a text, as the bot does in chat.</summary>
internal static class RouteCommand
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        args.AllowOnly("--json", "--batch", "--golden", "--misses", "--corpus", "--index");
        var knowledge = CliKnowledge.Compose(args);
        var options = knowledge.Options;
        using var index = CliKnowledge.OpenIndex(knowledge, stderr);
        var router = new WorkingGroupRouter(knowledge.Groups, new StaticKnowledge(CliKnowledge.Search(index, knowledge)));

        if (args.Get("--golden") is { } golden)
        {
            if (!Directory.Exists(golden)) throw new CliException($"golden-set folder not found: {golden}");
            var scores = RoutingGoldenSet.Evaluate(router, RoutingGoldenSet.Load(golden));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"top-1 {scores.Top1:F4}  top-3 {scores.Top3:F4}  top-1 counting 'also' {scores.Top1WithAlso:F4}  ({scores.Cases} cases)"));
            if (args.Has("--misses"))
                foreach (var (c, got) in scores.Misses) stderr.WriteLine($"MISS {c.Expected}: {c.Text} -> {string.Join(", ", got)}");
            return 0;
        }

        IEnumerable<string> texts;
        if (args.Get("--batch") is { } batch)
        {
            if (!File.Exists(batch)) throw new CliException($"batch file not found: {batch}");
            if (!args.Has("--json")) throw new CliException("--batch writes JSON lines: add --json");
            texts = File.ReadLines(batch).Where(l => !string.IsNullOrWhiteSpace(l));
        }
        else
        {
            if (args.Positional.Count < 2) throw new CliException("route needs a text: route \"I'm a probation officer preparing a release\"");
            texts = [string.Join(' ', args.Positional.Skip(1))];
        }
        foreach (var text in texts)
        {
            var result = router.Route(text);
            if (args.Has("--json"))
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    text,
                    workingGroups = result.Ranked.Select(s => new { id = s.Group.Id, name = s.Group.Name, score = s.Score, reason = s.Reason }),
                }, Json));
            else
            {
                foreach (var s in result.Ranked.Take(3))
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Score:F3}  {s.Group.Name,-32} {s.Reason}"));
                if (result.TwoFit) stdout.WriteLine("(two groups fit about equally)");
            }
        }
        return 0;
    }

    /// <summary>The CLI's knowledge base: the index it opened, always ready.</summary>
    private sealed class StaticKnowledge(KnowledgeSearch search) : IKnowledgeBase
    {
        public bool IsReady => true;

        public KnowledgeAnswer Ask(string question, int top = 3, string? workingGroup = null) => search.Ask(question, top, workingGroup);
    }
}
