using Lucene.Net.Store;
using PractitionerBot.Knowledge;

namespace PractitionerBot.Hosting;

/// <summary>
/// Opens the knowledge index after the host has started, building it when it is missing or the
/// corpus changed, so the endpoint answers at once and /healthz turns ready when searches can run.
/// </summary>
internal sealed partial class KnowledgeStartup(KnowledgeBase knowledge, KnowledgeOptions options, ILogger<KnowledgeStartup> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            knowledge.Open(options.CorpusPath, options.IndexPath);
        }
        catch (LockObtainFailedException)
        {
            LogLocked(log, options.IndexPath);
        }
        catch (Exception ex) when (ex is IOException or Lucene.Net.Index.CorruptIndexException)
        {
            // A damaged index is derived data: rebuild it from the corpus.
            LogRebuilding(log, ex.GetType().Name);
            knowledge.Dispose();
            System.IO.Directory.Delete(options.IndexPath, recursive: true);
            knowledge.Open(options.CorpusPath, options.IndexPath, forceRebuild: true);
        }
    }, stoppingToken);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Critical,
        Message = "The knowledge index at {Path} is locked by another process (a second bot or an 'index build'); stop it and restart")]
    private static partial void LogLocked(ILogger logger, string path);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "The knowledge index could not be opened ({Error}); rebuilding it from the corpus")]
    private static partial void LogRebuilding(ILogger logger, string error);
}
