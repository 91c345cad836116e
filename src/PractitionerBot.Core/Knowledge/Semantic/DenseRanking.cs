namespace PractitionerBot.Knowledge.Semantic;

/// <summary>A document as the dense retrieval ranks it: by its passage closest in meaning to the question.</summary>
public sealed record DenseDocument(string DocumentId, string PassageId, float Cosine);

/// <summary>
/// The dense side of one question: documents ranked by their best passage's cosine, and how to fuse
/// that ranking with the lexical one (weighted reciprocal rank fusion).
/// </summary>
public sealed class DenseRanking(IReadOnlyList<DenseDocument> documents, Func<string, float?> cosineOf, int fusionK, double denseWeight)
{
    public IReadOnlyList<DenseDocument> Documents { get; } = documents;

    private readonly Dictionary<string, (int Rank, DenseDocument Document)> _byId =
        documents.Select((d, i) => (d, i)).ToDictionary(x => x.d.DocumentId, x => (x.i + 1, x.d), StringComparer.Ordinal);

    public float? Cosine(string passageId) => cosineOf(passageId);

    public DenseDocument? Of(string documentId) => _byId.TryGetValue(documentId, out var d) ? d.Document : null;

    public int? RankOf(string documentId) => _byId.TryGetValue(documentId, out var d) ? d.Rank : null;

    /// <summary>Document ids, best first, by weighted reciprocal rank fusion of the lexical order with this one.</summary>
    public IReadOnlyList<string> Fuse(IReadOnlyList<string> lexical) => Fusion.Reciprocal(lexical, Documents.Select(d => d.DocumentId).ToList(), fusionK, denseWeight);

    /// <summary>Groups passage hits by document (best passage per document), keeping the order of the first hit.</summary>
    public static DenseRanking FromPassages(IEnumerable<(VectorEntry Entry, float Cosine)> passages, Func<string, float?> cosineOf, int fusionK, double denseWeight)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var documents = new List<DenseDocument>();
        foreach (var (entry, cosine) in passages)
            if (seen.Add(entry.DocumentId)) documents.Add(new DenseDocument(entry.DocumentId, entry.PassageId, cosine));
        return new DenseRanking(documents, cosineOf, fusionK, denseWeight);
    }
}

public static class Fusion
{
    /// <summary>
    /// Weighted reciprocal rank fusion (Cormack et al., 2009): score = 1 / (k + lexical rank) + w / (k + dense rank),
    /// a ranking a document is absent from adding nothing. Ties keep the lexical order first.
    /// </summary>
    public static IReadOnlyList<string> Reciprocal(IReadOnlyList<string> lexical, IReadOnlyList<string> dense, int k, double denseWeight)
    {
        var scores = new Dictionary<string, (double Score, int FirstSeen)>(StringComparer.Ordinal);
        void Add(IReadOnlyList<string> ranking, double weight, int offset)
        {
            for (var i = 0; i < ranking.Count; i++)
            {
                var add = weight / (k + i + 1);
                scores[ranking[i]] = scores.TryGetValue(ranking[i], out var s) ? (s.Score + add, s.FirstSeen) : (add, offset + i);
            }
        }
        Add(lexical, 1.0, 0);
        Add(dense, denseWeight, lexical.Count);
        return scores.OrderByDescending(s => s.Value.Score).ThenBy(s => s.Value.FirstSeen).Select(s => s.Key).ToList();
    }
}
