using System.Diagnostics;
using PractitionerBot.Knowledge.Index;

namespace PractitionerBot.Knowledge.Semantic;

/// <summary>How far the embedding of an index has come.</summary>
public readonly record struct EmbeddingProgress(int Done, int Missing, int Total, TimeSpan Elapsed);

/// <summary>What building the dense index did: passages, how many were embedded now (the rest came from the store), how long.</summary>
public sealed record SemanticBuildReport(int Passages, int Embedded, TimeSpan Elapsed, TimeSpan EmbeddingTime)
{
    public double PassagesPerSecond => Embedded == 0 || EmbeddingTime <= TimeSpan.Zero ? 0 : Embedded / EmbeddingTime.TotalSeconds;
}

/// <summary>
/// Builds the dense index of a Lucene index's passages: vectors come from the <see cref="EmbeddingStore"/>
/// when the same text was embedded by the same model before, and are computed (and stored) otherwise.
/// </summary>
public sealed class SemanticIndexer(ITextEmbedder embedder)
{
    private sealed record Item(VectorEntry Entry, string Text);

    public (VectorIndex Index, SemanticBuildReport Report) Build(LuceneIndex index, string storeFolder,
        IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var items = Passages(index);
        using var store = EmbeddingStore.Open(storeFolder, embedder.ModelId, embedder.Dimensions);
        var keys = items.Select(i => store.Key(i.Text)).ToArray();
        var missing = Enumerable.Range(0, items.Count).Where(i => !store.TryGet(keys[i], out _))
            // Each distinct text once (copies are common in scaled-up benchmark corpora), shortest first.
            .DistinctBy(i => keys[i]).OrderBy(i => items[i].Text.Length).ToList();

        var embedding = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        for (var n = 0; n < missing.Count; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var i = missing[n];
            store.Add(keys[i], embedder.EmbedPassage(items[i].Text));
            if (progress is not null && (embedding.Elapsed - last > TimeSpan.FromSeconds(1) || n + 1 == missing.Count))
            {
                last = embedding.Elapsed;
                progress.Report(new EmbeddingProgress(n + 1, missing.Count, items.Count, embedding.Elapsed));
            }
            if ((n + 1) % 256 == 0) store.Flush();
        }
        embedding.Stop();
        store.Flush(keys.ToHashSet());

        var vectors = keys.Select(k => store.TryGet(k, out var v) ? v : throw new InvalidOperationException("a vector was lost between embedding and indexing")).ToList();
        var vectorIndex = new VectorIndex(items.Select(i => i.Entry).ToList(), vectors, embedder.ModelId);
        return (vectorIndex, new SemanticBuildReport(items.Count, missing.Count, clock.Elapsed, embedding.Elapsed));
    }

    /// <summary>What is embedded for a passage: the paper's title and the section heading give the passage its context.</summary>
    internal static string EmbeddingText(StoredPassage p) => $"{p.Title}\n{p.Section}\n{p.Text}";

    /// <summary>Every answerable passage of the index (not the whole-document records, not reference lists).</summary>
    private static List<Item> Passages(LuceneIndex index)
    {
        var items = new List<Item>();
        PassageDocuments.ForEach(index, passage =>
        {
            if (!PassageDocuments.IsReferenceList(passage.Section))
                items.Add(new Item(new VectorEntry(passage.Id, passage.DocumentId, passage.WorkingGroups), EmbeddingText(passage)));
        });
        return items;
    }
}
