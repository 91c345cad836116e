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

    /// <summary>The <paramref name="k"/> passages closest to <paramref name="query"/> (a unit vector), best first.</summary>
    public IReadOnlyList<(VectorEntry Entry, float Cosine)> Search(ReadOnlySpan<float> query, int k, string? workingGroup = null)
    {
        if (k <= 0 || Count == 0) return [];
        var best = new PriorityQueue<int, float>(k + 1);
        for (var row = 0; row < _entries.Length; row++)
        {
            if (workingGroup is not null && !_entries[row].WorkingGroups.Contains(workingGroup)) continue;
            var score = VectorMath.Dot(_matrix.AsSpan(row * Dimensions, Dimensions), query);
            if (best.Count < k) best.Enqueue(row, score);
            else if (best.TryPeek(out _, out var lowest) && score > lowest) best.EnqueueDequeue(row, score);
        }
        var result = new (VectorEntry, float)[best.Count];
        for (var i = result.Length - 1; best.TryDequeue(out var row, out var score); i--) result[i] = (_entries[row], score);
        return result;
    }

    /// <summary>The cosine between <paramref name="query"/> and one passage, or null when the passage has no vector.</summary>
    public float? Cosine(ReadOnlySpan<float> query, string passageId) =>
        _rows.TryGetValue(passageId, out var row) ? VectorMath.Dot(_matrix.AsSpan(row * Dimensions, Dimensions), query) : null;
}
