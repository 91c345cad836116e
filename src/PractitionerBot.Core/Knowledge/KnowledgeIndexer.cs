using System.Diagnostics;
using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Model;

namespace PractitionerBot.Knowledge;

public sealed record IndexBuildReport(
    int Documents,
    int Passages,
    IReadOnlyList<SkippedFile> Skipped,
    TimeSpan Elapsed,
    bool Rebuilt);

/// <summary>
/// Loads the corpus, splits it into passages and upserts them; removes documents that are gone. Papers in French, German
/// or Dutch are analysed in their language, as questions in it are.
/// </summary>
public sealed class KnowledgeIndexer(CorpusLoader loader, PassageSplitter splitter, Translation.QueryTranslator? translator = null)
{
    private const string FingerprintKey = "corpusFingerprint";

    /// <summary>Bump when the index layout changes, so existing indexes are rebuilt at the next start.</summary>
    private const string SchemaVersion = "8";

    /// <summary>The lexicon's compound parts shape the analysis of papers in French, German and Dutch: another lexicon, another index.</summary>
    private string Version => SchemaVersion + (translator is null ? "" : "-" + translator.Fingerprint);

    public bool IsCurrent(LuceneIndex index, string corpusPath) =>
        index.CommitData().TryGetValue(FingerprintKey, out var stored) && stored == Version + ":" + loader.Fingerprint(corpusPath);

    public IndexBuildReport Build(LuceneIndex index, string corpusPath, bool force = false)
    {
        var clock = Stopwatch.StartNew();
        if (!force && IsCurrent(index, corpusPath))
            return new IndexBuildReport(index.DocumentIds().Count, index.PassageCount, [], clock.Elapsed, Rebuilt: false);

        var corpus = loader.Load(corpusPath);
        return Index(index, corpus.Documents, corpus.Skipped, corpus.Fingerprint, clock);
    }

    /// <summary>Indexes documents that did not come from a folder (evaluation and benchmarks).</summary>
    public IndexBuildReport Index(LuceneIndex index, IReadOnlyList<CorpusDocument> documents, IReadOnlyList<SkippedFile> skipped,
        string fingerprint, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        var stale = index.DocumentIds().ToHashSet(StringComparer.Ordinal);
        var passages = 0;
        foreach (var document in documents)
        {
            var split = splitter.Split(document);
            passages += split.Count;
            index.Upsert(document.Id, split.Select(PassageDocuments.ToLucene).Append(PassageDocuments.DocumentRecord(document)),
                translator?.AnalyzerFor(document.Language));
            stale.Remove(document.Id);
        }
        foreach (var id in stale) index.Delete(id);
        // The corpus changes rarely and is searched constantly: one segment makes every search cheaper.
        index.Commit(new Dictionary<string, string> { [FingerprintKey] = Version + ":" + fingerprint }, forceMerge: true);
        return new IndexBuildReport(documents.Count, passages, skipped, clock.Elapsed, Rebuilt: true);
    }
}
