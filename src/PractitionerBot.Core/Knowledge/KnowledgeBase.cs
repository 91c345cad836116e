using Microsoft.Extensions.Logging;
using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Semantic;

namespace PractitionerBot.Knowledge;

/// <summary>
/// The bot's view of the knowledge index: not ready until <see cref="Open"/> has built or opened it,
/// then answers through <see cref="KnowledgeSearch"/>. A rebuild keeps serving the previous
/// commit until the new one is committed. Once the passages are embedded (<see cref="UseMeaning"/>),
/// it answers through <see cref="HybridSearch"/>.
/// </summary>
public sealed partial class KnowledgeBase(KnowledgeOptions options, KnowledgeIndexer indexer, Translation.QueryTranslator translator,
    ILogger<KnowledgeBase> log) : IKnowledgeBase, IDisposable
{
    private readonly Lock _gate = new();
    private LuceneIndex? _index;
    private KnowledgeSearch? _search;
    private IKnowledgeSearch? _hybrid;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SearchMode> _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => Volatile.Read(ref _search) is not null;

    public SearchMode Mode => Volatile.Read(ref _hybrid) is null ? SearchMode.Lexical : SearchMode.Hybrid;

    /// <summary>The lexical search over the open index (null until it is open): what the dense index is built from.</summary>
    public LuceneIndex? Index => Volatile.Read(ref _search) is null ? null : _index;

    public IndexBuildReport? LastBuild { get; private set; }

    /// <summary>Completes when the index is first open for searching.</summary>
    public Task WhenReady => _ready.Task;

    public KnowledgeAnswer Ask(string question, int top = 3, string? workingGroup = null) =>
        ((IKnowledgeSearch?)Volatile.Read(ref _hybrid) ?? Volatile.Read(ref _search)) is { } search
            ? search.Ask(question, top, workingGroup)
            : KnowledgeAnswer.Empty(question ?? "", KnowledgeStatus.NotReady);

    /// <summary>Completes with the mode the bot keeps: hybrid once the passages are embedded, lexical when meaning is off or unavailable.</summary>
    public Task<SearchMode> WhenSettled => _settled.Task;

    /// <summary>Prepares what reading a question needs beside the index (the papers' words for spelling), so no member waits for it.</summary>
    public void PrepareReading() => Volatile.Read(ref _search)?.PrepareReading();

    /// <summary>Meaning is off or its model could not be loaded: lexical answers for good.</summary>
    public void StayLexical() => _settled.TrySetResult(SearchMode.Lexical);

    /// <summary>Switches to hybrid answers over <paramref name="vectors"/>, built from the index that is open.</summary>
    public void UseMeaning(VectorIndex vectors, ITextEmbedder embedder, SemanticOptions semantic)
    {
        lock (_gate)
        {
            if (_search is null) throw new InvalidOperationException("the index must be open before meaning is added");
            Volatile.Write(ref _hybrid, new HybridSearch(_search, vectors, embedder, semantic, options));
        }
        _settled.TrySetResult(SearchMode.Hybrid);
    }

    /// <summary>Opens the index at <paramref name="indexPath"/>, building it first when missing or out of date.</summary>
    public IndexBuildReport Open(string corpusPath, string indexPath, bool forceRebuild = false)
    {
        lock (_gate)
        {
            _index ??= LuceneIndex.Open(indexPath);
            var report = indexer.Build(_index, corpusPath, forceRebuild);
            LastBuild = report;
            foreach (var skipped in report.Skipped) LogSkipped(log, skipped.Path, skipped.Reason);
            LogIndexReady(log, report.Documents, report.Passages, report.Skipped.Count, (long)report.Elapsed.TotalMilliseconds, report.Rebuilt);
            Volatile.Write(ref _search, new KnowledgeSearch(_index, options, translator));
            _ready.TrySetResult();
            return report;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            // Nothing keeps the closed index: questions are answered "not ready", and Open starts from a fresh one.
            Volatile.Write(ref _hybrid, null);
            Volatile.Write(ref _search, null);
            _index?.Dispose();
            _index = null;
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Knowledge index ready: {Documents} documents, {Passages} passages, {Skipped} skipped files, {ElapsedMs} ms (rebuilt: {Rebuilt})")]
    private static partial void LogIndexReady(ILogger logger, int documents, int passages, int skipped, long elapsedMs, bool rebuilt);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Corpus file skipped: {Path}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string path, string reason);
}
