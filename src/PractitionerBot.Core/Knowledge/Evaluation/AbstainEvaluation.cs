namespace PractitionerBot.Knowledge.Evaluation;

/// <summary>One golden question through the bot: whether it should be answered, what the bot decided and what it cited.</summary>
public sealed record AbstainCase(GoldenQuestion Question, bool Answerable, bool Answered, bool CitesExpected, bool HasHits, AnswerEvidence Evidence,
    Semantic.SemanticEvidence? Semantic = null);

/// <summary>
/// Answer rate and correct-answer rate (answered, with an expected document among the cited sources) on in-domain
/// questions; false-answer rate (answered at all) on questions the papers do not answer.
/// </summary>
public sealed record AbstainRates(double AnswerRate, double CorrectAnswerRate, double FalseAnswerRate, int InDomain, int Unanswerable);

public static class AbstainEvaluation
{
    /// <summary>Asks every question as the bot does (<paramref name="sources"/> cited passages).</summary>
    public static IReadOnlyList<AbstainCase> Run(IKnowledgeSearch search, IReadOnlyList<GoldenQuestion> inDomain,
        IReadOnlyList<GoldenQuestion> unanswerable, int sources = 3) =>
        inDomain.Select(q => Case(search, q, true, sources)).Concat(unanswerable.Select(q => Case(search, q, false, sources))).ToList();

    private static AbstainCase Case(IKnowledgeSearch search, GoldenQuestion question, bool answerable, int sources)
    {
        var answer = search.Ask(question.Question, sources);
        var cited = answer.Hits.Select(h => h.Passage.DocumentId).ToList();
        return new AbstainCase(question, answerable, answer.IsConfident, question.Expected.Any(cited.Contains), answer.Hits.Count > 0, answer.Evidence, answer.Semantic);
    }

    /// <summary>The rates of a decision rule; by default the rule the search was configured with.</summary>
    public static AbstainRates Rates(IReadOnlyList<AbstainCase> cases, Func<AbstainCase, bool>? answers = null)
    {
        answers ??= c => c.Answered;
        var inDomain = cases.Where(c => c.Answerable).ToList();
        var unanswerable = cases.Where(c => !c.Answerable).ToList();
        return new AbstainRates(
            Share(inDomain, answers),
            Share(inDomain, c => answers(c) && c.CitesExpected),
            Share(unanswerable, answers),
            inDomain.Count, unanswerable.Count);
    }

    /// <summary>Answer when the measure reaches the threshold.</summary>
    public static Func<AbstainCase, bool> Rule(ConfidenceMeasure measure, double threshold) =>
        c => c.HasHits && c.Evidence.Of(measure) >= threshold;

    /// <summary>Answer as <paramref name="rule"/> decides, reading the lexical evidence by <paramref name="measure"/>.</summary>
    public static Func<AbstainCase, bool> Rule(Semantic.AnswerRule rule, ConfidenceMeasure measure) =>
        c => rule.Answers(c.HasHits, c.Evidence.Of(measure), c.Semantic);

    /// <summary>
    /// The rule with the highest correct-answer rate whose false-answer rate stays within <paramref name="maxFalseAnswerRate"/>;
    /// ties go to the more careful rule (fewer answers on the tuning cases).
    /// </summary>
    public static (Semantic.AnswerRule Rule, AbstainRates Rates)? Choose(IReadOnlyList<AbstainCase> cases, ConfidenceMeasure measure,
        IEnumerable<Semantic.AnswerRule> rules, double maxFalseAnswerRate) =>
        rules.Select(r => (Rule: r, Rates: Rates(cases, Rule(r, measure))))
            .Where(x => x.Rates.FalseAnswerRate <= maxFalseAnswerRate)
            .OrderByDescending(x => x.Rates.CorrectAnswerRate).ThenBy(x => x.Rates.AnswerRate + x.Rates.FalseAnswerRate)
            .Select(x => ((Semantic.AnswerRule, AbstainRates)?)x).FirstOrDefault();

    /// <summary>
    /// The threshold with the highest correct-answer rate whose false-answer rate stays within
    /// <paramref name="maxFalseAnswerRate"/>; ties go to the higher (more careful) threshold.
    /// </summary>
    public static (double Threshold, AbstainRates Rates)? Choose(IReadOnlyList<AbstainCase> cases, ConfidenceMeasure measure,
        IEnumerable<double> thresholds, double maxFalseAnswerRate) =>
        thresholds.Select(t => (Threshold: t, Rates: Rates(cases, Rule(measure, t))))
            .Where(x => x.Rates.FalseAnswerRate <= maxFalseAnswerRate)
            .OrderByDescending(x => x.Rates.CorrectAnswerRate).ThenByDescending(x => x.Threshold)
            .Select(x => ((double, AbstainRates)?)x).FirstOrDefault();

    /// <summary>A fixed split for tuning: every other question of each set (0 = even positions, 1 = odd).</summary>
    public static IReadOnlyList<AbstainCase> Half(IReadOnlyList<AbstainCase> cases, int half) =>
        cases.Where(c => c.Answerable).Where((_, i) => i % 2 == half)
            .Concat(cases.Where(c => !c.Answerable).Where((_, i) => i % 2 == half)).ToList();

    public static IEnumerable<double> Thresholds(double from = 0.30, double to = 0.90, double step = 0.05)
    {
        for (var t = from; t <= to + 1e-9; t += step) yield return Math.Round(t, 2);
    }

    private static double Share(List<AbstainCase> cases, Func<AbstainCase, bool> predicate) =>
        cases.Count == 0 ? 0 : (double)cases.Count(predicate) / cases.Count;
}
