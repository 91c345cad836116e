using Microsoft.Extensions.Configuration;
using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Ingestion;
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
        return options;
    }

    public static WorkingGroupDirectory Groups(KnowledgeOptions options) => WorkingGroupDirectory.Load(options.WorkingGroupsPath);

    public static KnowledgeIndexer Indexer(IReadOnlySet<string> groupIds) => new(new CorpusLoader(groupIds), new PassageSplitter());

    /// <summary>Opens the index, building it first if it is missing or older than the corpus.</summary>
    public static LuceneIndex OpenIndex(KnowledgeOptions options, TextWriter log)
    {
        var index = OpenOrExplain(options.IndexPath);
        var indexer = Indexer(Groups(options).Ids);
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
