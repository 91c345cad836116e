using Lucene.Net.Store;
using PractitionerBot.Knowledge;

namespace PractitionerBot.Hosting;

/// <summary>
/// Opens the knowledge index after the host has started, building it when it is missing or the
/// corpus changed, so the endpoint answers at once and /healthz turns ready when searches can run.
/// An index locked by another process (an 'index build', a second bot on the same folder) is tried
/// again with a growing pause, on <see cref="TimeProvider"/>, until it opens.
/// </summary>
internal sealed partial class KnowledgeStartup(KnowledgeBase knowledge, KnowledgeOptions options, TimeProvider time, ILogger<KnowledgeStartup> log)
    : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Run(() => knowledge.Open(options.CorpusPath, options.IndexPath), stoppingToken);
                return;
            }
            catch (LockObtainFailedException)
            {
                LogLocked(log, options.IndexPath, (int)wait.TotalSeconds);
            }
            catch (Exception ex) when (ex is IOException or Lucene.Net.Index.CorruptIndexException)
            {
                // A damaged index is derived data: rebuild it from the corpus.
                LogRebuilding(log, ex.GetType().Name);
                knowledge.Dispose();
                System.IO.Directory.Delete(options.IndexPath, recursive: true);
                await Task.Run(() => knowledge.Open(options.CorpusPath, options.IndexPath, forceRebuild: true), stoppingToken);
                return;
            }
            await Task.Delay(wait, time, stoppingToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetry.Ticks));
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning,
        Message = "The knowledge index at {Path} is locked by another process (an 'index build' or a second bot); trying again in {Seconds} s")]
    private static partial void LogLocked(ILogger logger, string path, int seconds);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "The knowledge index could not be opened ({Error}); rebuilding it from the corpus")]
    private static partial void LogRebuilding(ILogger logger, string error);
}
