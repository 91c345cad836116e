using System.Globalization;
using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Evaluation;
using PractitionerBot.Knowledge.Semantic;

namespace PractitionerBot.Cli.Commands;

/// <summary>
/// BM25, dense and hybrid side by side on the golden set: retrieval, then answer or abstain. Every rule is
/// chosen on the tuning half (even positions) and reported on the held-out half (odd positions).
/// </summary>
internal static class HybridReport
{
    /// <summary>The bar for choosing a rule: at most one question in twenty that the papers do not answer gets an answer.</summary>
    internal const double MaxFalseAnswerRate = 0.05;

    public static void Write(KnowledgeSearch lexical, HybridSearch hybrid, RetrievalScores baseline, IReadOnlyList<GoldenQuestion> questions,
        IReadOnlyList<GoldenQuestion> unanswerable, KnowledgeOptions options, SemanticOptions semantic, bool tune, TextWriter stdout, TextWriter? misses = null)
    {
        var heldOut = Half(questions, 1);
        stdout.WriteLine();
        stdout.WriteLine(Invariant($"Retrieval side by side ({hybrid.ModelId}): all {questions.Count} questions / held-out half {heldOut.Count}"));
        stdout.WriteLine();
        stdout.WriteLine("| pipeline | Recall@3 | MRR | nDCG@10 | Recall@10 | MRR@10 | held-out nDCG@10 | held-out MRR@10 |");
        stdout.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        IEnumerable<string> Dense(string q) => hybrid.Dense(q).Documents.Select(d => d.DocumentId);
        stdout.WriteLine(Row("BM25 flat (Lucene defaults)", baseline, null));
        stdout.WriteLine(Row("lexical (the bot's BM25 pipeline)", Score(questions, q => Ids(lexical, q)), Score(heldOut, q => Ids(lexical, q))));
        stdout.WriteLine(Row("dense", Score(questions, Dense), Score(heldOut, Dense)));
        stdout.WriteLine(Row("hybrid (fused)", Score(questions, q => Ids(hybrid, q)), Score(heldOut, q => Ids(hybrid, q))));

        if (tune) Fusion(lexical, hybrid, questions, semantic, stdout);
        if (unanswerable.Count == 0) return;

        var lexicalCases = AbstainEvaluation.Run(lexical, questions, unanswerable, options.MaxSources);
        var hybridCases = AbstainEvaluation.Run(hybrid, questions, unanswerable, options.MaxSources);
        if (misses is not null)
            foreach (var (l, h) in lexicalCases.Zip(hybridCases))
            {
                bool Good(AbstainCase c) => c.Answerable ? c.Answered && c.CitesExpected : !c.Answered;
                if (Good(l) != Good(h)) misses.WriteLine($"{(Good(h) ? "GAIN" : "LOSS")} [{h.Question.Style}] {h.Question.Question}");
            }
        var denseCases = DenseCases(hybrid, questions, unanswerable, options.MaxSources);
        var denseRule = AbstainEvaluation.Choose(AbstainEvaluation.Half(denseCases, 0), options.ConfidenceMeasure,
            Steps(0.0, 0.9).Select(t => new AnswerRule(t, t, 2, false)), MaxFalseAnswerRate);

        stdout.WriteLine();
        stdout.WriteLine("Answer or abstain side by side (answer rate / correct-answer rate / false-answer rate):");
        stdout.WriteLine();
        stdout.WriteLine("| pipeline and rule | tuning half | held-out half | all |");
        stdout.WriteLine("|---|---|---|---|");
        stdout.WriteLine(Rates($"lexical: {options.ConfidenceMeasure} share >= {options.MinConfidence:F2} (configured)", lexicalCases, c => c.Answered));
        if (denseRule is { } d)
            stdout.WriteLine(Rates($"dense: cosine >= {d.Rule.MinCosine:F3} (chosen on the tuning half)", denseCases, AbstainEvaluation.Rule(d.Rule, options.ConfidenceMeasure)));
        stdout.WriteLine(Rates($"hybrid: {Describe(AnswerRule.From(semantic))} (configured)", hybridCases, c => c.Answered));
        if (!tune) return;

        var chosen = AbstainEvaluation.Choose(AbstainEvaluation.Half(hybridCases, 0), options.ConfidenceMeasure, Rules(), MaxFalseAnswerRate);
        if (chosen is { } c)
            stdout.WriteLine(Rates($"hybrid: {Describe(c.Rule)} (chosen on the tuning half)", hybridCases, AbstainEvaluation.Rule(c.Rule, options.ConfidenceMeasure)));
        else stdout.WriteLine($"| hybrid: no rule keeps the false-answer rate within {MaxFalseAnswerRate:F2} on the tuning half | | | |");
    }

    /// <summary>Fusion settings on the tuning half, with the held-out figures beside them.</summary>
    private static void Fusion(KnowledgeSearch lexical, HybridSearch hybrid, IReadOnlyList<GoldenQuestion> questions, SemanticOptions semantic, TextWriter stdout)
    {
        var tuning = Half(questions, 0);
        var heldOut = Half(questions, 1);
        stdout.WriteLine();
        stdout.WriteLine("Fusion sweep (nDCG@10 / MRR@10), tuning half | held-out half:");
        stdout.WriteLine();
        stdout.WriteLine("| K | dense weight | tuning half | held-out half |");
        stdout.WriteLine("|---:|---:|---|---|");
        foreach (var k in new[] { 10, 30, 60 })
            foreach (var weight in new[] { 0.5, 0.75, 1.0, 1.5, 2.0 })
            {
                var search = hybrid.With(semantic.WithFusion(k, weight));
                var t = Score(tuning, q => Ids(search, q));
                var h = Score(heldOut, q => Ids(search, q));
                stdout.WriteLine(Invariant($"| {k} | {weight:F2} | {t.NdcgAt10:F4} / {t.MrrAt10:F4} | {h.NdcgAt10:F4} / {h.MrrAt10:F4} |"));
            }
    }

    internal static IEnumerable<AnswerRule> Rules()
    {
        foreach (var min in Steps(0.0, 0.7))
            foreach (var weight in new[] { 0.0, 0.05, 0.1, 0.15, 0.2, 0.3 })
                foreach (var strong in Steps(min, 0.8 + weight).Append(2.0))
                    foreach (var lexical in Steps(0.3, 0.9, 0.1).Append(1.01))
                        foreach (var agree in new[] { false, true })
                            yield return new AnswerRule(min, strong, lexical, agree, weight);
    }

    private static IEnumerable<double> Steps(double from, double to, double step = 0.025)
    {
        for (var x = from; x <= to + 1e-9; x += step) yield return Math.Round(x, 3);
    }

    /// <summary>The dense ranking alone: the answer is its top documents, the evidence the best cosine.</summary>
    private static List<AbstainCase> DenseCases(HybridSearch hybrid, IReadOnlyList<GoldenQuestion> inDomain, IReadOnlyList<GoldenQuestion> unanswerable, int sources)
    {
        AbstainCase Case(GoldenQuestion q, bool answerable)
        {
            var top = hybrid.Dense(q.Question).Documents.Take(sources).ToList();
            var semantic = top.Count == 0 ? null : new SemanticEvidence(top[0].Cosine, null, 1);
            return new AbstainCase(q, answerable, false, q.Expected.Any(id => top.Any(d => d.DocumentId == id)), top.Count > 0, default, semantic);
        }
        return inDomain.Select(q => Case(q, true)).Concat(unanswerable.Select(q => Case(q, false))).ToList();
    }

    internal static string Describe(AnswerRule r) => Invariant(
        $"cosine >= {r.MinCosine:F3} and (cosine + {r.LexicalWeight:F2} x lexical >= {r.StrongCosine:F3} or lexical >= {r.MinLexical:F2}{(r.AgreementCounts ? " or both rank it top 3" : "")})");

    private static string Rates(string name, IReadOnlyList<AbstainCase> cases, Func<AbstainCase, bool> rule) =>
        $"| {name} | {Triple(AbstainEvaluation.Rates(AbstainEvaluation.Half(cases, 0), rule))} | {Triple(AbstainEvaluation.Rates(AbstainEvaluation.Half(cases, 1), rule))} | {Triple(AbstainEvaluation.Rates(cases, rule))} |";

    private static string Triple(AbstainRates r) => Invariant($"{r.AnswerRate:F3} / {r.CorrectAnswerRate:F3} / {r.FalseAnswerRate:F3}");

    private static IEnumerable<string> Ids(IKnowledgeSearch search, string question) => search.Ask(question, 10).Hits.Select(h => h.Passage.DocumentId);

    /// <summary>The same split as <see cref="AbstainEvaluation.Half"/>: every other question.</summary>
    internal static List<GoldenQuestion> Half(IReadOnlyList<GoldenQuestion> questions, int half) => questions.Where((_, i) => i % 2 == half).ToList();

    private static RetrievalScores Score(IReadOnlyList<GoldenQuestion> questions, Func<string, IEnumerable<string>> rank) =>
        GoldenSet.Score(Enumerable.Range(0, questions.Count).ToDictionary(i => i.ToString(CultureInfo.InvariantCulture),
            i => (IReadOnlyList<string>)rank(questions[i].Question).Take(10).ToList()), questions);

    private static string Row(string name, RetrievalScores all, RetrievalScores? heldOut) => Invariant(
        $"| {name} | {all.RecallAt3:F4} | {all.Mrr:F4} | {all.NdcgAt10:F4} | {all.RecallAt10:F4} | {all.MrrAt10:F4} | {(heldOut is null ? "" : heldOut.NdcgAt10.ToString("F4", CultureInfo.InvariantCulture))} | {(heldOut is null ? "" : heldOut.MrrAt10.ToString("F4", CultureInfo.InvariantCulture))} |");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
