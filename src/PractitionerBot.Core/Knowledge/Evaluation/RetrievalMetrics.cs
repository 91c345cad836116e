namespace PractitionerBot.Knowledge.Evaluation;

/// <summary>Mean retrieval metrics over a set of queries, as BEIR defines them (cut at k).</summary>
public sealed record RetrievalScores(double NdcgAt10, double RecallAt10, double MrrAt10, double RecallAt3, double Mrr, int Queries);

public static class RetrievalMetrics
{
    /// <summary>
    /// <paramref name="ranked"/>: document ids best first, per query; <paramref name="relevant"/>: graded judgments per query.
    /// Queries without judgments are not counted (as in BEIR).
    /// </summary>
    public static RetrievalScores Score(IReadOnlyDictionary<string, IReadOnlyList<string>> ranked,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> relevant)
    {
        double ndcg = 0, recall10 = 0, mrr10 = 0, recall3 = 0, mrr = 0;
        var n = 0;
        foreach (var (query, judgments) in relevant)
        {
            var positives = judgments.Where(j => j.Value > 0).ToDictionary(j => j.Key, j => j.Value);
            if (positives.Count == 0) continue;
            n++;
            var list = ranked.TryGetValue(query, out var r) ? r : [];
            ndcg += Ndcg(list, positives, 10);
            recall10 += Recall(list, positives, 10);
            recall3 += Recall(list, positives, 3);
            var first = FirstRelevantRank(list, positives);
            if (first is { } rank)
            {
                mrr += 1.0 / rank;
                if (rank <= 10) mrr10 += 1.0 / rank;
            }
        }
        return n == 0
            ? new RetrievalScores(0, 0, 0, 0, 0, 0)
            : new RetrievalScores(ndcg / n, recall10 / n, mrr10 / n, recall3 / n, mrr / n, n);
    }

    private static double Ndcg(IReadOnlyList<string> list, Dictionary<string, int> positives, int k)
    {
        double dcg = 0;
        for (var i = 0; i < Math.Min(k, list.Count); i++)
            if (positives.TryGetValue(list[i], out var gain)) dcg += gain / Math.Log2(i + 2);
        var ideal = positives.Values.OrderDescending().Take(k).Select((gain, i) => gain / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double Recall(IReadOnlyList<string> list, Dictionary<string, int> positives, int k) =>
        (double)list.Take(k).Distinct().Count(positives.ContainsKey) / positives.Count;

    private static int? FirstRelevantRank(IReadOnlyList<string> list, Dictionary<string, int> positives)
    {
        for (var i = 0; i < list.Count; i++)
            if (positives.ContainsKey(list[i])) return i + 1;
        return null;
    }
}
