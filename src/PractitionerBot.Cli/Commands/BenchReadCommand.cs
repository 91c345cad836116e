using System.Diagnostics;
using System.Globalization;
using PractitionerBot.Knowledge.Evaluation;
using PractitionerBot.Knowledge.Translation;

namespace PractitionerBot.Cli.Commands;

/// <summary>
/// What reading a question costs before any search: its language identified (the baseline), then the whole reading the
/// bot does (a French, German or Dutch question carried over to English, an English one spelt out and corrected), over
/// the golden questions of each language, repeated. The general dictionaries and the papers' words are loaded first.
/// </summary>
internal static class BenchReadCommand
{
    public static int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        args.AllowOnly(["--golden", "--repeat", "--index", "--corpus"]);
        var folder = args.Get("--golden") ?? Path.Combine("tests", "PractitionerBot.Tests", "Data", "golden");
        if (!Directory.Exists(folder)) throw new CliException($"--golden: no folder {folder}");
        var repeat = args.GetInt("--repeat", 5, 1, 1000);
        var knowledge = CliKnowledge.Compose(args);
        using var index = CliKnowledge.OpenIndex(knowledge, stderr);
        var search = CliKnowledge.Search(index, knowledge);
        var clock = Stopwatch.StartNew();
        foreach (var report in knowledge.Translator.LoadGeneral())
            stderr.WriteLine($"general dictionary {report.Language}: {report.Words} words{(report.Error is null ? "" : ", " + report.Error)}");
        search.PrepareReading();
        stderr.WriteLine($"dictionaries and the papers' words read in {clock.Elapsed.TotalSeconds:F1} s");

        var languages = new List<(string Language, IReadOnlyList<string> Questions)> { ("en", Questions(folder)) };
        languages.AddRange(BilingualLexicon.SourceLanguages.Where(l => Directory.Exists(Path.Combine(folder, l)))
            .Select(l => (l, Questions(Path.Combine(folder, l)))));
        stdout.WriteLine("| language | questions | identify p50 / p99 ms | read p50 / p99 / max ms |");
        stdout.WriteLine("|---|---:|---|---|");
        foreach (var (language, questions) in languages.Where(l => l.Questions.Count > 0))
        {
            foreach (var question in questions) search.Read(question); // warm up
            var identify = Time(questions, repeat, q => knowledge.Translator.Detect(q));
            var read = Time(questions, repeat, q => search.Read(q));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {language} | {questions.Count} | {At(identify, 0.50):F3} / {At(identify, 0.99):F3} | {At(read, 0.50):F3} / {At(read, 0.99):F3} / {read[^1]:F3} |"));
        }
        return 0;
    }

    private static IReadOnlyList<string> Questions(string folder) =>
        [.. GoldenSet.Load(folder).Concat(File.Exists(Path.Combine(folder, "unanswerable.jsonl")) ? GoldenSet.LoadUnanswerable(folder) : [])
            .Select(q => q.Question)];

    private static List<double> Time(IReadOnlyList<string> questions, int repeat, Action<string> read)
    {
        var times = new List<double>(questions.Count * repeat);
        for (var r = 0; r < repeat; r++)
            foreach (var question in questions)
            {
                var start = Stopwatch.GetTimestamp();
                read(question);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        times.Sort();
        return times;
    }

    private static double At(List<double> sorted, double quantile) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * quantile))];
}
