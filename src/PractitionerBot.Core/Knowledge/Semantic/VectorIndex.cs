namespace PractitionerBot.Knowledge.Semantic;

/// <summary>One passage as the dense index knows it.</summary>
public sealed record VectorEntry(string PassageId, string DocumentId, IReadOnlyList<string> WorkingGroups);

/// <summary>
/// Exact nearest-neighbour search over unit vectors held in one contiguous array: a scan of every row
/// with a SIMD dot product. Measured fast enough to 100,000 passages (see "bench search"), so no
/// approximate index is needed. Immutable once built; safe for concurrent searches.
/// </summary>
public sealed class VectorIndex
{
    private readonly float[] _matrix;
    private readonly VectorEntry[] _entries;
    private readonly Dictionary<string, int> _rows;

    public VectorIndex(IReadOnlyList<VectorEntry> entries, IReadOnlyList<float[]> vectors, string modelId)
    {
        if (entries.Count != vectors.Count) throw new ArgumentException("one vector per entry", nameof(vectors));
        Dimensions = vectors.Count == 0 ? 0 : vectors[0].Length;
        ModelId = modelId;
        _entries = [.. entries];
        _matrix = new float[entries.Count * Dimensions];
        _rows = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < vectors.Count; i++)
        {
            if (vectors[i].Length != Dimensions) throw new ArgumentException($"row {i} has {vectors[i].Length} dimensions, not {Dimensions}", nameof(vectors));
            vectors[i].CopyTo(_matrix, i * Dimensions);
            _rows[entries[i].PassageId] = i;
        }
    }

    public int Count => _entries.Length;

    public int Dimensions { get; }

    public string ModelId { get; }

    /// <summary>Bytes held by the vectors.</summary>
    public long VectorBytes => (long)_matrix.Length * sizeof(float);

    /// <summary>
    /// From this many floats on, a search is split across the cores: scanning the vectors is bound by memory bandwidth,
    /// which one core does not use up (10,000 passages of 768 floats are 30 MB a question, 100,000 are 300 MB).
    /// </summary>
    internal long SplitFrom { get; init; } = 4_000_000;

    /// <summary>The <paramref name="k"/> passages closest to <paramref name="query"/> (a unit vector), best first.</summary>
    public IReadOnlyList<(VectorEntry Entry, float Cosine)> Search(ReadOnlySpan<float> query, int k, string? workingGroup = null)
    {
        if (k <= 0 || Count == 0) return [];
        var parts = (long)_matrix.Length >= SplitFrom ? Math.Min(Environment.ProcessorCount, 4) : 1;
        if (parts == 1) return Best(Scan(query, k, workingGroup, 0, Count));

        var vector = query.ToArray();
        var found = new PriorityQueue<int, float>[parts];
        Parallel.For(0, parts, part => found[part] = Scan(vector, k, workingGroup, (int)((long)Count * part / parts), (int)((long)Count * (part + 1) / parts)));
        var merged = new PriorityQueue<int, float>(k + 1);
        foreach (var queue in found)
            while (queue.TryDequeue(out var row, out var score)) Keep(merged, row, score, k);
        return Best(merged);
    }

    private PriorityQueue<int, float> Scan(ReadOnlySpan<float> query, int k, string? workingGroup, int from, int to)
    {
        var best = new PriorityQueue<int, float>(k + 1);
        for (var row = from; row < to; row++)
        {
            if (workingGroup is not null && !_entries[row].WorkingGroups.Contains(workingGroup)) continue;
            Keep(best, row, VectorMath.Dot(_matrix.AsSpan(row * Dimensions, Dimensions), query), k);
        }
        return best;
    }

    private static void Keep(PriorityQueue<int, float> best, int row, float score, int k)
    {
        if (best.Count < k) best.Enqueue(row, score);
        else if (best.TryPeek(out _, out var lowest) && score > lowest) best.EnqueueDequeue(row, score);
    }

    private (VectorEntry, float)[] Best(PriorityQueue<int, float> best)
    {
        var result = new (VectorEntry, float)[best.Count];
        for (var i = result.Length - 1; best.TryDequeue(out var row, out var score); i--) result[i] = (_entries[row], score);
        return result;
    }

    /// <summary>The cosine between <paramref name="query"/> and one passage, or null when the passage has no vector.</summary>
    public float? Cosine(ReadOnlySpan<float> query, string passageId) =>
        _rows.TryGetValue(passageId, out var row) ? VectorMath.Dot(_matrix.AsSpan(row * Dimensions, Dimensions), query) : null;
}
