using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Semantic;
using PractitionerBot.Knowledge.Translation;

namespace PractitionerBot.Hosting;

/// <summary>
/// Adds meaning once the lexical index is open: loads the embedding model, embeds the passages that the
/// vector store beside the index does not have yet, and switches the knowledge base to hybrid answers.
/// Until then, and for good when the model cannot be loaded, the bot answers from the lexical index.
/// The general dictionaries behind the lexicons are read meanwhile, so that hybrid answers have them and no member waits.
/// </summary>
internal sealed partial class SemanticStartup(KnowledgeBase knowledge, KnowledgeOptions options, SemanticOptions semantic,
    IEmbedderSource models, QueryTranslator translator, ILogger<SemanticStartup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dictionaries = Task.Run(LoadDictionaries, stoppingToken);
        if (!semantic.Enabled) knowledge.StayLexical();
        await knowledge.WhenReady.WaitAsync(stoppingToken);
        await Task.Run(knowledge.PrepareReading, stoppingToken);
        if (semantic.Enabled) await Task.Run(() => AddMeaning(dictionaries, stoppingToken), stoppingToken);
        await dictionaries;
    }

    private void LoadDictionaries()
    {
        foreach (var report in translator.LoadGeneral())
            if (report.Error is { } error) LogDictionaryUnreadable(log, report.Language, error);
            else if (report.Words > 0) LogDictionary(log, report.Language, report.Words);
    }

    private void AddMeaning(Task dictionaries, CancellationToken stoppingToken)
    {
        ITextEmbedder embedder;
        try
        {
            embedder = models.Load(semantic);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogModelUnavailable(log, semantic.Model.ToString(), ex.GetType().Name + ": " + ex.Message);
            knowledge.StayLexical();
            return;
        }
        if (knowledge.Index is not { } index) return;
        LogEmbedding(log, semantic.Model.ToString());
        var (vectors, report) = new SemanticIndexer(embedder).Build(index, string.IsNullOrWhiteSpace(semantic.VectorsPath) ? EmbeddingStore.FolderBeside(options.IndexPath) : semantic.VectorsPath,
            new Progress<EmbeddingProgress>(p => LogProgress(log, p.Done, p.Missing)), stoppingToken);
        dictionaries.Wait(stoppingToken);
        knowledge.UseMeaning(vectors, embedder, semantic);
        LogHybrid(log, report.Passages, report.Embedded, (long)report.Elapsed.TotalMilliseconds);
    }

    [LoggerMessage(EventId = 1024, Level = LogLevel.Information, Message = "General dictionary for {Language}: {Words} everyday words behind the field lexicon")]
    private static partial void LogDictionary(ILogger logger, string language, int words);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Warning,
        Message = "The general dictionary for {Language} could not be read ({Error}); its questions are translated with the field lexicon alone")]
    private static partial void LogDictionaryUnreadable(ILogger logger, string language, string error);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning,
        Message = "The embedding model {Model} could not be loaded ({Error}); answering from the lexical index only")]
    private static partial void LogModelUnavailable(ILogger logger, string model, string error);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Embedding passages with {Model} in the background; answering lexically meanwhile")]
    private static partial void LogEmbedding(ILogger logger, string model);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Debug, Message = "Embedded {Done} of {Missing} passages")]
    private static partial void LogProgress(ILogger logger, int done, int missing);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Information,
        Message = "Hybrid answers on: {Passages} passages, {Embedded} embedded now (the rest from the store), {ElapsedMs} ms")]
    private static partial void LogHybrid(ILogger logger, int passages, int embedded, long elapsedMs);
}
