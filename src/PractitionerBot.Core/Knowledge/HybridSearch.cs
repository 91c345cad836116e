using PractitionerBot.Knowledge.Semantic;

namespace PractitionerBot.Knowledge;

/// <summary>
/// Words and meaning: the question is embedded, the closest passages are found by exact vector search,
/// their documents are fused with the lexical documents-first ranking, and the answer/abstain decision
/// reads the cosine beside the lexical evidence.
/// </summary>
public sealed class HybridSearch(KnowledgeSearch lexical, VectorIndex vectors, ITextEmbedder embedder, SemanticOptions semantic, KnowledgeOptions options)
    : IKnowledgeSearch
{
    /// <summary>Passages the dense side looks at: enough to give the fusion about as many documents as the lexical side.</summary>
    private const int DensePassages = 100;

    private const int DenseDocuments = 30;

    private readonly AnswerRule _rule = AnswerRule.From(semantic);

    private readonly AnswerRule _translatedRule = AnswerRule.ForTranslated(semantic);

    public string ModelId => embedder.ModelId;

    public VectorIndex Vectors => vectors;

    /// <summary>The same indexes and model with other fusion or decision settings (for tuning).</summary>
    public HybridSearch With(SemanticOptions other) => new(lexical, vectors, embedder, other, options);

    public KnowledgeAnswer Ask(string question, int top = 3, string? workingGroup = null)
    {
        if (string.IsNullOrWhiteSpace(question)) return lexical.Ask(question ?? "", top, workingGroup);
        // The model reads English: a question in French, German or Dutch is embedded in its English words.
        var read = lexical.Read(question);
        var dense = Dense(read.English, workingGroup);
        var answer = lexical.Ask(read, top, workingGroup, dense);
        return answer.Status != KnowledgeStatus.Ok
            ? answer
            : answer with
            {
                IsConfident = (read.Translated is null ? _rule : _translatedRule)
                    .Answers(answer.Hits.Count > 0, answer.Evidence.Of(options.ConfidenceMeasure), answer.Semantic),
            };
    }

    /// <summary>The dense ranking alone, documents best first (for evaluation next to the lexical and hybrid rankings).</summary>
    public DenseRanking Dense(string question, string? workingGroup = null)
    {
        var query = embedder.EmbedQuery(question);
        var passages = vectors.Search(query, DensePassages, workingGroup);
        var ranking = DenseRanking.FromPassages(passages, id => vectors.Cosine(query, id), semantic.FusionK, semantic.DenseWeight);
        return ranking.Documents.Count <= DenseDocuments ? ranking
            : new DenseRanking(ranking.Documents.Take(DenseDocuments).ToList(), id => vectors.Cosine(query, id), semantic.FusionK, semantic.DenseWeight);
    }
}
