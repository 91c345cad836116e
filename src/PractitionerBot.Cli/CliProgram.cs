using PractitionerBot.Cli.Commands;

namespace PractitionerBot.Cli;

public static class CliProgram
{
    public const string Usage = """
        practitionerbot: the PractitionerBot command line (run from the repository root)

          index build [--corpus DIR] [--index DIR]       build or rebuild the knowledge index
          ask "QUESTION" [--top N] [--json]              answer one question from the index
          ask --batch FILE --json                        answer each line of FILE, one JSON object per line
          eval --corpus FILE --queries FILE --qrels FILE [--json]
                                                         nDCG@10, Recall@10, MRR@10 on a BEIR data set
          bench search [--sizes 1000,10000,100000] [--queries N] [--out FILE]
                                                         latency and throughput of the answer pipeline
          bench read [--golden DIR] [--repeat N]         what reading a question costs (language, translation, spelling)
          route "TEXT" [--json] | route --batch FILE --json
                                                         rank the ten working groups for a question or a self-description
          route --golden DIR [--misses]                  top-1 and top-3 accuracy on the routing golden set
          corpus report [--out docs/CORPUS.md]           the corpus per working group, and the papers it cites
          package teams --app-id GUID --out FILE.zip [--name NAME] [--developer-url URL]
                                                         the Teams app package (manifest and icons) to side-load the bot
          announce create --file FILE.yaml [--url URL] [--key KEY]
                                                         create a draft announcement (event or call) from a YAML file
          announce publish|cancel ID [--url URL] [--key KEY]
                                                         publish a draft announcement, or cancel one
          announce status ID [--json] [--url URL] [--key KEY]
                                                         an announcement's status and delivery counts
                                                         (--url: PRACTITIONERBOT_URL or http://localhost:3978;
                                                          --key: PRACTITIONERBOT_API_KEY)
          help                                           this text
        """;

    public static async Task<int> RunAsync(string[] argv, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        try
        {
            var args = CliArgs.Parse(argv);
            var words = args.Positional;
            if (words.Count == 0 || words[0] is "help" or "--help" || args.Has("--help"))
            {
                stdout.WriteLine(Usage);
                return words.Count == 0 && !args.Has("--help") ? 2 : 0;
            }
            return (words[0], words.ElementAtOrDefault(1)) switch
            {
                ("index", "build") => IndexCommand.Build(args, stdout),
                ("ask", _) => AskCommand.Run(args, stdout, stderr),
                ("eval", _) => EvalCommand.Run(args, stdout, stderr),
                ("route", _) => RouteCommand.Run(args, stdout, stderr),
                ("corpus", "report") => CorpusReportCommand.Run(args, stdout),
                ("package", "teams") => PackageCommand.Run(args, stdout),
                ("bench", "search") => await BenchSearchCommand.RunAsync(args, stdout, stderr),
                ("bench", "read") => BenchReadCommand.Run(args, stdout, stderr),
                ("announce", _) => await AnnounceCommand.RunAsync(args, stdout, stderr, cancellationToken),
                _ => throw new CliException($"unknown command '{string.Join(' ', words.Take(2))}'; run 'help' for the list"),
            };
        }
        catch (CliException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine("error: cancelled");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }
}
