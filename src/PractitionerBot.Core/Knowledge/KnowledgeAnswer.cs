namespace PractitionerBot.Knowledge;

/// <summary>What the knowledge base found for a question.</summary>
public sealed record KnowledgeAnswer(
    string Question,
    IReadOnlyList<AnswerHit> Hits,
    double Confidence,
    bool IsConfident,
    KnowledgeStatus Status,
    AnswerEvidence Evidence = default)
{
    public AnswerHit? Best => Hits.Count > 0 ? Hits[0] : null;

    /// <summary>The language the question was read in ("en", "fr", "de", "nl"); null when its text did not say (read as English).</summary>
    public string? Language { get; init; }

    /// <summary>A French, German or Dutch question carried over to English; null for a question read as English.</summary>
    public Translation.TranslatedQuestion? Translation { get; init; }

    public static KnowledgeAnswer Empty(string question, KnowledgeStatus status) => new(question, [], 0, false, status);
}

public enum KnowledgeStatus
{
    Ok,
    /// <summary>The question had no searchable words (empty, only punctuation or stop words).</summary>
    NoTerms,
    /// <summary>The index is not open yet (first start is still building it).</summary>
    NotReady,
}

/// <summary>One passage found, one per document, best first.</summary>
public sealed record AnswerHit(
    StoredPassage Passage,
    float Score,
    string Snippet,
    string HighlightedText,
    IReadOnlyList<string> MatchedTerms);

public interface IKnowledgeBase
{
    bool IsReady { get; }

    KnowledgeAnswer Ask(string question, int top = 3, string? workingGroup = null);
}
