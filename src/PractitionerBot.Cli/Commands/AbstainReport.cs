using System.Globalization;
using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Evaluation;

namespace PractitionerBot.Cli.Commands;

/// <summary>The answer/abstain decision on the golden set and the unanswerable set, as Markdown tables.</summary>
internal static class AbstainReport
{
    /// <summary>The product rule before this evaluation existed, kept as the baseline of every run.</summary>
    private const double FormerThreshold = 0.5;

    /// <summary>The bar for choosing a threshold: at most one question in ten that the papers do not answer gets an answer.</summary>
    private const double MaxFalseAnswerRate = 0.10;

    public static void Write(IReadOnlyList<AbstainCase> cases, KnowledgeOptions options, TextWriter stdout)
    {
        var all = AbstainEvaluation.Rates(cases);
        stdout.WriteLine();
        stdout.WriteLine(Invariant($"Answer or abstain: {all.InDomain} in-domain questions, {all.Unanswerable} the papers do not answer, top {options.MaxSources} cited"));
        stdout.WriteLine();
        stdout.WriteLine("| rule | answer rate | correct-answer rate | false-answer rate |");
        stdout.WriteLine("|---|---:|---:|---:|");
        stdout.WriteLine(Row($"before: {ConfidenceMeasure.Passage} share >= {FormerThreshold:F2}", AbstainEvaluation.Rates(cases, AbstainEvaluation.Rule(ConfidenceMeasure.Passage, FormerThreshold))));
        stdout.WriteLine(Row($"configured: {options.ConfidenceMeasure} share >= {options.MinConfidence:F2}", all));

        var measures = Enum.GetValues<ConfidenceMeasure>();
        stdout.WriteLine();
        stdout.WriteLine("Threshold sweep, all questions (answer rate / correct-answer rate / false-answer rate):");
        stdout.WriteLine();
        stdout.WriteLine("| threshold | " + string.Join(" | ", measures) + " |");
        stdout.WriteLine("|---:|" + string.Concat(measures.Select(_ => "---|")));
        foreach (var t in AbstainEvaluation.Thresholds())
            stdout.WriteLine(Invariant($"| {t:F2} | ") + string.Join(" | ", measures.Select(m => Triple(AbstainEvaluation.Rates(cases, AbstainEvaluation.Rule(m, t))))) + " |");

        stdout.WriteLine();
        stdout.WriteLine(Invariant($"Chosen on the tuning half (highest correct-answer rate with false-answer rate <= {MaxFalseAnswerRate:F2}), reported on the held-out half:"));
        stdout.WriteLine();
        stdout.WriteLine("| measure | threshold | tuning half | held-out half | all |");
        stdout.WriteLine("|---|---:|---|---|---|");
        var tuning = AbstainEvaluation.Half(cases, 0);
        var heldOut = AbstainEvaluation.Half(cases, 1);
        foreach (var m in measures)
        {
            if (AbstainEvaluation.Choose(tuning, m, AbstainEvaluation.Thresholds(), MaxFalseAnswerRate) is not { } chosen)
            {
                stdout.WriteLine($"| {m} | none meets the bar | | | |");
                continue;
            }
            var rule = AbstainEvaluation.Rule(m, chosen.Threshold);
            stdout.WriteLine(Invariant($"| {m} | {chosen.Threshold:F2} | {Triple(chosen.Rates)} | {Triple(AbstainEvaluation.Rates(heldOut, rule))} | {Triple(AbstainEvaluation.Rates(cases, rule))} |"));
        }
    }

    private static string Row(string name, AbstainRates r) => Invariant($"| {name} | {r.AnswerRate:F3} | {r.CorrectAnswerRate:F3} | {r.FalseAnswerRate:F3} |");

    private static string Triple(AbstainRates r) => Invariant($"{r.AnswerRate:F2} / {r.CorrectAnswerRate:F2} / {r.FalseAnswerRate:F2}");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
