using System.Globalization;
using System.Text.Json;
using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Evaluation;
using PractitionerBot.Knowledge.Translation;

namespace PractitionerBot.Cli.Commands;

/// <summary>
/// The golden sets in French, German and Dutch (subfolders fr, de, nl of the golden folder) next to English: retrieval,
/// and the answer/abstain rule as configured, on all questions, on the tuning half (even positions) and the held-out half.
/// </summary>
internal static class LanguageReport
{
    public static void Write(IKnowledgeSearch search, string folder, IReadOnlyList<GoldenQuestion> english,
        IReadOnlyList<GoldenQuestion> englishUnanswerable, KnowledgeOptions options, TextWriter stdout, TextWriter? misses, bool tune = false)
    {
        var languages = BilingualLexicon.SourceLanguages.Where(l => Directory.Exists(Path.Combine(folder, l))).ToList();
        if (languages.Count == 0) return;
        var rows = new List<(string Language, IReadOnlyList<GoldenQuestion> Questions, IReadOnlyList<AbstainCase> Cases)>
        {
            ("en", english, AbstainEvaluation.Run(search, english, englishUnanswerable, options.MaxSources)),
        };
        foreach (var language in languages)
        {
            var sub = Path.Combine(folder, language);
            var questions = GoldenSet.Load(sub);
            var unanswerable = File.Exists(Path.Combine(sub, "unanswerable.jsonl")) ? GoldenSet.LoadUnanswerable(sub) : [];
            rows.Add((language, questions, AbstainEvaluation.Run(search, questions, unanswerable, options.MaxSources)));
        }
        var englishCorrect = AbstainEvaluation.Rates(rows[0].Cases).CorrectAnswerRate;

        stdout.WriteLine();
        stdout.WriteLine(Invariant($"Per language ({options.ConfidenceMeasure} share >= {options.MinConfidence:F2}; correct = answered with an expected paper in the top {options.MaxSources}):"));
        stdout.WriteLine();
        stdout.WriteLine("| language | questions | Recall@3 | MRR | detected as its language | correct-answer rate | vs English | false-answer rate | tuning half correct / false | held-out half correct / false |");
        stdout.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var (language, questions, cases) in rows)
        {
            var scores = GoldenSet.Evaluate(search, questions);
            var detected = questions.Count(q => (search.Ask(q.Question, 1).Language ?? "en") == language);
            var all = AbstainEvaluation.Rates(cases);
            var tuning = AbstainEvaluation.Rates(AbstainEvaluation.Half(cases, 0));
            var heldOut = AbstainEvaluation.Rates(AbstainEvaluation.Half(cases, 1));
            stdout.WriteLine(Invariant(
                $"| {language} | {all.InDomain} + {all.Unanswerable} | {scores.RecallAt3:F3} | {scores.Mrr:F3} | {(double)detected / Math.Max(1, questions.Count):F3} | {all.CorrectAnswerRate:F3} | {(englishCorrect > 0 ? all.CorrectAnswerRate / englishCorrect : 0):F2} | {all.FalseAnswerRate:F3} | {tuning.CorrectAnswerRate:F3} / {tuning.FalseAnswerRate:F3} | {heldOut.CorrectAnswerRate:F3} / {heldOut.FalseAnswerRate:F3} |"));
            if (misses is null || language == "en") continue;
            foreach (var c in cases.Where(c => c.Answerable ? !(c.Answered && c.CitesExpected) : c.Answered))
                misses.WriteLine(Invariant($"{language} {(c.Answerable ? "MISS" : "FALSE")} [{c.Evidence.Document:F2}] {c.Question.Question} -> {string.Join(", ", search.Ask(c.Question.Question, 3).Hits.Select(h => h.Passage.DocumentId))}"));
        }
        if (tune && search is HybridSearch && rows.Count > 1) TranslatedRule(rows.Skip(1).ToList(), options, stdout);
    }

    /// <summary>
    /// The answer rule for translated questions, chosen on the tuning halves of the French, German and Dutch sets pooled
    /// (highest correct-answer rate with a false-answer rate within <see cref="HybridReport.MaxFalseAnswerRate"/>), reported per language on the held-out halves.
    /// </summary>
    private static void TranslatedRule(List<(string Language, IReadOnlyList<GoldenQuestion> Questions, IReadOnlyList<AbstainCase> Cases)> rows,
        KnowledgeOptions options, TextWriter stdout)
    {
        var pooled = rows.SelectMany(r => AbstainEvaluation.Half(r.Cases, 0)).ToList();
        var chosen = AbstainEvaluation.Choose(pooled, options.ConfidenceMeasure, HybridReport.Rules(), HybridReport.MaxFalseAnswerRate);
        stdout.WriteLine();
        if (chosen is not { } c)
        {
            stdout.WriteLine(Invariant($"Translated questions: no rule keeps the pooled tuning halves' false-answer rate within {HybridReport.MaxFalseAnswerRate:F2}."));
            return;
        }
        stdout.WriteLine(Invariant($"Rule for translated questions chosen on the pooled tuning halves ({pooled.Count} questions): {HybridReport.Describe(c.Rule)}"));
        stdout.WriteLine("(set it as Knowledge:Semantic:TranslatedMinCosine, TranslatedStrongCosine, TranslatedMinLexical, TranslatedLexicalWeight, TranslatedAgreementCounts)");
        stdout.WriteLine();
        stdout.WriteLine("| language | tuning half correct / false | held-out half correct / false | all correct / false |");
        stdout.WriteLine("|---|---|---|---|");
        var rule = AbstainEvaluation.Rule(c.Rule, options.ConfidenceMeasure);
        string Pair(IReadOnlyList<AbstainCase> cases)
        {
            var r = AbstainEvaluation.Rates(cases, rule);
            return Invariant($"{r.CorrectAnswerRate:F3} / {r.FalseAnswerRate:F3}");
        }
        foreach (var (language, _, cases) in rows)
            stdout.WriteLine($"| {language} | {Pair(AbstainEvaluation.Half(cases, 0))} | {Pair(AbstainEvaluation.Half(cases, 1))} | {Pair(cases)} |");
    }

    /// <summary>Language identification on a JSONL test set of messages ({"text", "language", "length"}): accuracy per language and length.</summary>
    public static int Identification(string path, TextWriter stdout, TextWriter? misses)
    {
        if (!File.Exists(path)) throw new CliException($"file not found: {path}");
        var identifier = new LanguageIdentifier();
        var messages = new List<(string Text, string Language, string Length, (string Language, double Confidence)? Best)>();
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var json = JsonDocument.Parse(line);
            var text = json.RootElement.GetProperty("text").GetString() ?? "";
            var length = json.RootElement.TryGetProperty("length", out var l) ? l.GetString() ?? "" : "";
            messages.Add((text, json.RootElement.GetProperty("language").GetString() ?? "", length, identifier.Best(text)));
        }
        // A wrong language costs more than none (the reply then follows the profile or the locale): the threshold is the
        // lowest whose wrong share on the tuning half (even lines) stays at or under 2%, reported on the odd lines.
        List<(string Language, string Length, bool Right, bool Undecided)> At(double threshold, int? half) =>
            messages.Where((_, i) => half is null || i % 2 == half).Select(m =>
            {
                var detected = m.Best is { } b && b.Confidence >= threshold ? b.Language : null;
                return (m.Language, m.Length, detected == m.Language, detected is null);
            }).ToList();
        stdout.WriteLine("| threshold | tuning half right / undecided / wrong | held-out half right / undecided / wrong |");
        stdout.WriteLine("|---:|---|---|");
        foreach (var t in new[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 })
            stdout.WriteLine(Invariant($"| {t:F1}{(t == LanguageIdentifier.DefaultMinConfidence ? " (configured)" : "")} | {Triple(At(t, 0))} | {Triple(At(t, 1))} |"));
        stdout.WriteLine();
        var results = At(LanguageIdentifier.DefaultMinConfidence, null);
        foreach (var m in messages.Where(m => m.Best is not { } b || b.Confidence < LanguageIdentifier.DefaultMinConfidence || b.Language != m.Language))
            misses?.WriteLine(Invariant($"{m.Language} -> {(m.Best is { } b ? $"{b.Language} {b.Confidence:F2}" : "none")}: {m.Text}"));
        stdout.WriteLine("| language | length | messages | right | undecided | wrong |");
        stdout.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => (r.Language, r.Length)).OrderBy(g => g.Key.Language).ThenBy(g => g.Key.Length))
            stdout.WriteLine(Row(group.Key.Language, group.Key.Length, group.ToList()));
        stdout.WriteLine(Row("all", "all", results));
        return 0;
    }

    private static string Row(string language, string length, List<(string, string, bool Right, bool Undecided)> r) => Invariant(
        $"| {language} | {length} | {r.Count} | {Share(r.Count(x => x.Right), r.Count):F3} | {Share(r.Count(x => x.Undecided), r.Count):F3} | {Share(r.Count(x => !x.Right && !x.Undecided), r.Count):F3} |");

    private static string Triple(List<(string, string, bool Right, bool Undecided)> r) =>
        Invariant($"{Share(r.Count(x => x.Right), r.Count):F3} / {Share(r.Count(x => x.Undecided), r.Count):F3} / {Share(r.Count(x => !x.Right && !x.Undecided), r.Count):F3}");

    private static double Share(int n, int of) => of == 0 ? 0 : (double)n / of;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
