using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Semantic;
using PractitionerBot.Knowledge.Translation;
using PractitionerBot.Knowledge;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Cli;

/// <summary>The same knowledge settings and components the bot uses, read from ./appsettings.json.</summary>
internal static class CliKnowledge
{
    /// <summary>The options that choose semantic search: <c>--lexical</c> turns it off, <c>--model</c> picks the model, <c>--vectors</c> the store.</summary>
    public static readonly string[] SemanticArgs = ["--lexical", "--model", "--vectors"];

    private static IConfigurationRoot Configuration() => new ConfigurationBuilder()
        .AddJsonFile(Path.GetFullPath("appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    public static SemanticOptions Semantic(CliArgs args, ComposedKnowledge knowledge)
    {
        var semantic = knowledge.Semantic;
        if (args.Has("--lexical")) semantic.Enabled = false;
        if (args.Get("--model") is { } model)
            semantic.Model = Enum.TryParse<EmbeddingModel>(model, ignoreCase: true, out var m) && Enum.IsDefined(m)
                ? m : throw new CliException($"--model: '{model}' is not one of {string.Join(", ", Enum.GetNames<EmbeddingModel>())}");
        if (args.Get("--vectors") is { } vectors) semantic.VectorsPath = vectors;
        semantic.VectorsPath = string.IsNullOrWhiteSpace(semantic.VectorsPath) ? EmbeddingStore.FolderBeside(knowledge.Options.IndexPath) : Path.GetFullPath(semantic.VectorsPath);
        return semantic;
    }

    /// <summary>
    /// The bot's search once warm: hybrid, after embedding the passages the vector store lacks (progress on
    /// <paramref name="log"/>), or lexical when semantic search is off or the model cannot be loaded.
    /// </summary>
    public static IKnowledgeSearch Search(LuceneIndex index, ComposedKnowledge knowledge, SemanticOptions semantic, TextWriter log) =>
        (IKnowledgeSearch?)Hybrid(Search(index, knowledge), index, knowledge.Options, semantic, log) ?? Search(index, knowledge);

    /// <param name="rememberQuestions">Each question embedded once, for evaluations that ask the same questions under many settings.</param>
    public static HybridSearch? Hybrid(KnowledgeSearch lexical, LuceneIndex index, KnowledgeOptions options, SemanticOptions semantic, TextWriter log,
        bool rememberQuestions = false)
    {
        if (!semantic.Enabled) return null;
        ITextEmbedder embedder;
        try
        {
            embedder = PackagedModels.Instance.Load(semantic);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.WriteLine($"The embedding model {semantic.Model} could not be loaded ({ex.Message}); answering from the lexical index only.");
            return null;
        }
        var (vectors, report) = new SemanticIndexer(embedder).Build(index, semantic.VectorsPath, new LineProgress(log));
        if (report.Embedded > 0)
            log.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Embedded {report.Embedded} passages with {semantic.Model} in {report.EmbeddingTime.TotalSeconds:F1} s ({report.PassagesPerSecond:F1}/s); {report.Passages - report.Embedded} from {semantic.VectorsPath}."));
        return new HybridSearch(lexical, vectors, rememberQuestions ? new RememberedQuestions(embedder) : embedder, semantic, options);
    }

    /// <summary>The model, with each question's vector kept after its first embedding.</summary>
    private sealed class RememberedQuestions(ITextEmbedder model) : ITextEmbedder
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, float[]> _questions = new(StringComparer.Ordinal);

        public string ModelId => model.ModelId;

        public int Dimensions => model.Dimensions;

        public float[] EmbedQuery(string question) => _questions.GetOrAdd(question, model.EmbedQuery);

        public float[] EmbedPassage(string text) => model.EmbedPassage(text);
    }

    /// <summary>One progress line on stderr, rewritten in place.</summary>
    private sealed class LineProgress(TextWriter log) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress p) => log.Write(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"\rEmbedding passages: {p.Done}/{p.Missing} ({(p.Elapsed.TotalSeconds > 0 ? p.Done / p.Elapsed.TotalSeconds : 0):F1}/s){(p.Done == p.Missing ? "\n" : "")}"));
    }

    /// <summary>
    /// The knowledge settings as the bot reads them (section "Knowledge", with <c>--corpus</c> and <c>--index</c> over it),
    /// composed by the same <c>AddKnowledge</c> and validated the same way: a bad setting is one line naming the key.
    /// </summary>
    public static ComposedKnowledge Compose(CliArgs args) => new(Services(args));

    /// <summary>What <see cref="Compose"/> gives a command: the options and the components built from them.</summary>
    public sealed class ComposedKnowledge(IServiceProvider services)
    {
        public KnowledgeOptions Options { get; } = Resolve<KnowledgeOptions>(services);

        public SemanticOptions Semantic => Resolve<SemanticOptions>(services);

        public WorkingGroupDirectory Groups => Resolve<WorkingGroupDirectory>(services);

        /// <summary>The bot's translation of French, German and Dutch questions, from the lexicons at Knowledge:LexiconPath.</summary>
        public QueryTranslator Translator => Resolve<QueryTranslator>(services);
    }

    private static ServiceProvider Services(CliArgs args)
    {
        var overrides = new Dictionary<string, string?>();
        if (args.Get("--corpus") is { } corpus) overrides[$"{KnowledgeOptions.Section}:{nameof(KnowledgeOptions.CorpusPath)}"] = corpus;
        if (args.Get("--index") is { } index) overrides[$"{KnowledgeOptions.Section}:{nameof(KnowledgeOptions.IndexPath)}"] = index;
        var configuration = new ConfigurationBuilder().AddConfiguration(Configuration()).AddInMemoryCollection(overrides).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddKnowledge(Environment.CurrentDirectory)
            .AddWorkingGroups()
            .BuildServiceProvider();
    }

    private static T Resolve<T>(IServiceProvider services) where T : notnull
    {
        try
        {
            return services.GetRequiredService<T>();
        }
        catch (OptionsValidationException ex)
        {
            // A bad setting, not a bad command line: exit code 1, as for the bot that would not start.
            throw new InvalidDataException(string.Join("; ", ex.Failures), ex);
        }
    }

    public static KnowledgeIndexer Indexer(IReadOnlySet<string> groupIds, QueryTranslator? translator = null) =>
        new(new CorpusLoader(groupIds), new PassageSplitter(), translator);

    /// <summary>The bot's search, with its translation.</summary>
    public static KnowledgeSearch Search(LuceneIndex index, ComposedKnowledge knowledge) => new(index, knowledge.Options, knowledge.Translator);

    /// <summary>Opens the index, building it first if it is missing or older than the corpus.</summary>
    public static LuceneIndex OpenIndex(ComposedKnowledge knowledge, TextWriter log)
    {
        var options = knowledge.Options;
        var index = OpenOrExplain(options.IndexPath);
        var indexer = Indexer(knowledge.Groups.Ids, knowledge.Translator);
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
