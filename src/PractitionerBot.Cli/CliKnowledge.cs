using Microsoft.Extensions.Configuration;
using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Translation;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Cli;

/// <summary>The same knowledge settings and components the bot uses, read from ./appsettings.json.</summary>
internal static class CliKnowledge
{
    public static KnowledgeOptions Options(CliArgs args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.GetFullPath("appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = new KnowledgeOptions();
        configuration.GetSection(KnowledgeOptions.Section).Bind(options);
        if (args.Get("--corpus") is { } corpus) options.CorpusPath = corpus;
        if (args.Get("--index") is { } index) options.IndexPath = index;
        options.CorpusPath = Path.GetFullPath(options.CorpusPath);
        options.IndexPath = Path.GetFullPath(options.IndexPath);
        options.WorkingGroupsPath = Path.GetFullPath(options.WorkingGroupsPath);
        options.LexiconPath = Path.GetFullPath(options.LexiconPath);
        return options;
    }

    public static WorkingGroupDirectory Groups(KnowledgeOptions options) => WorkingGroupDirectory.Load(options.WorkingGroupsPath);

    public static KnowledgeIndexer Indexer(IReadOnlySet<string> groupIds, QueryTranslator? translator = null) =>
        new(new CorpusLoader(groupIds), new PassageSplitter(), translator);

    /// <summary>The bot's translation of French, German and Dutch questions, from the lexicons at Knowledge:LexiconPath.</summary>
    public static QueryTranslator Translator(KnowledgeOptions options) =>
        Directory.Exists(options.LexiconPath)
            ? new QueryTranslator(BilingualLexicon.Load(options.LexiconPath), new LanguageIdentifier())
            : throw new CliException($"lexicon folder not found: {options.LexiconPath} (Knowledge:LexiconPath)");

    /// <summary>The bot's search, with its translation.</summary>
    public static KnowledgeSearch Search(LuceneIndex index, KnowledgeOptions options) => new(index, options, Translator(options));

    /// <summary>Opens the index, building it first if it is missing or older than the corpus.</summary>
    public static LuceneIndex OpenIndex(KnowledgeOptions options, TextWriter log)
    {
        var index = OpenOrExplain(options.IndexPath);
        var indexer = Indexer(Groups(options).Ids, Translator(options));
        if (!indexer.IsCurrent(index, options.CorpusPath))
        {
            var report = indexer.Build(index, options.CorpusPath);
            log.WriteLine($"Index built: {report.Documents} documents, {report.Passages} passages in {report.Elapsed.TotalSeconds:F1} s.");
        }
        return index;
    }

    public static LuceneIndex OpenOrExplain(string path)
    {
        try
        {
            return LuceneIndex.Open(path);
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            throw new CliException($"the index at {path} is in use by a running bot; stop it, or pass --index with another folder");
        }
    }
}
