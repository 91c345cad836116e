namespace PractitionerBot.Cli.Commands;

internal static class IndexCommand
{
    public static int Build(CliArgs args, TextWriter stdout)
    {
        args.AllowOnly("--corpus", "--index");
        var knowledge = CliKnowledge.Compose(args);
        var options = knowledge.Options;
        if (!Directory.Exists(options.CorpusPath) && !File.Exists(options.CorpusPath))
            throw new CliException($"corpus not found: {options.CorpusPath}");
        using var index = CliKnowledge.OpenOrExplain(options.IndexPath);
        var report = CliKnowledge.Indexer(knowledge.Groups.Ids, knowledge.Translator).Build(index, options.CorpusPath, force: true);
        stdout.WriteLine($"Corpus:    {options.CorpusPath}");
        stdout.WriteLine($"Index:     {options.IndexPath}");
        stdout.WriteLine($"Documents: {report.Documents}");
        stdout.WriteLine($"Passages:  {report.Passages}");
        stdout.WriteLine($"Skipped:   {report.Skipped.Count}");
        foreach (var skipped in report.Skipped) stdout.WriteLine($"  {skipped.Path}: {skipped.Reason}");
        stdout.WriteLine($"Time:      {report.Elapsed.TotalSeconds:F2} s");
        return report.Skipped.Count == 0 ? 0 : 1;
    }
}
