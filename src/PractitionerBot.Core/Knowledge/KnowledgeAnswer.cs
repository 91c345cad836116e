using PractitionerBot.Knowledge.Index;

namespace PractitionerBot.Knowledge;

/// <summary>What the knowledge base found for a question.</summary>
public sealed record KnowledgeAnswer(
    string Question,
    IReadOnlyList<AnswerHit> Hits,
    double Confidence,
    bool IsConfident,
    KnowledgeStatus Status,
    AnswerEvidence Evidence = default,
    Semantic.SemanticEvidence? Semantic = null)
{
    public AnswerHit? Best => Hits.Count > 0 ? Hits[0] : null;

    /// <summary>The language the question was read in ("en", "fr", "de", "nl"); null when its text did not say (read as English).</summary>
    public string? Language { get; init; }

    /// <summary>A French, German or Dutch question carried over to English; null for a question read as English.</summary>
    public Translation.TranslatedQuestion? Translation { get; init; }

    /// <summary>An English question as it was read when that differs from how it was typed (shorthand spelt out, misspellings corrected).</summary>
    public string? Corrected { get; init; }

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
    IReadOnlyList<string> MatchedTerms,
    float? Cosine = null);

public interface IKnowledgeBase : IKnowledgeSearch
{
    bool IsReady { get; }

    /// <summary>Lexical until the passages are embedded, hybrid after (or lexical for good, when the model is off or failed).</summary>
    SearchMode Mode => SearchMode.Lexical;
}

/// <summary>Answers a question from the papers.</summary>
public interface IKnowledgeSearch
{
    KnowledgeAnswer Ask(string question, int top = 3, string? workingGroup = null);
}

public enum SearchMode
{
    /// <summary>Words only (BM25 with the documents-first stage).</summary>
    Lexical,
    /// <summary>Words and meaning: the lexical and dense rankings fused.</summary>
    Hybrid,
}
