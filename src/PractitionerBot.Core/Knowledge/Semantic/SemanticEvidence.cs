namespace PractitionerBot.Knowledge.Semantic;

/// <summary>
/// Evidence from meaning for the best hit: the cosine between the question and the passage shown, and where
/// its document stands in the lexical and the dense rankings (null: not among that ranking's candidates).
/// </summary>
public sealed record SemanticEvidence(double Cosine, int? LexicalRank, int? DenseRank)
{
    /// <summary>Both rankings put the document near the top.</summary>
    public bool Agree => LexicalRank is <= AgreementDepth && DenseRank is <= AgreementDepth;

    public const int AgreementDepth = 3;
}

/// <summary>
/// The answer/abstain decision once meaning is known: the best passage must be close enough in meaning,
/// and either close enough once its lexical evidence is added (cosine + <see cref="LexicalWeight"/> x share),
/// or supported by the question's words alone, or ranked near the top by both rankings.
/// </summary>
public sealed record AnswerRule(double MinCosine, double StrongCosine, double MinLexical, bool AgreementCounts, double LexicalWeight = 0)
{
    public static AnswerRule From(SemanticOptions options) =>
        new(options.MinCosine, options.StrongCosine, options.MinLexical, options.AgreementCounts, options.LexicalWeight);

    /// <summary>The rule for a question translated from French, German or Dutch: each setting left unset is English's.</summary>
    public static AnswerRule ForTranslated(SemanticOptions o) =>
        new(o.TranslatedMinCosine ?? o.MinCosine, o.TranslatedStrongCosine ?? o.StrongCosine, o.TranslatedMinLexical ?? o.MinLexical,
            o.TranslatedAgreementCounts ?? o.AgreementCounts, o.TranslatedLexicalWeight ?? o.LexicalWeight);

    public bool Answers(bool hasHits, double lexical, SemanticEvidence? semantic) =>
        hasHits && semantic is { } s && s.Cosine >= MinCosine
        && (s.Cosine + LexicalWeight * lexical >= StrongCosine || lexical >= MinLexical || (AgreementCounts && s.Agree));
}
