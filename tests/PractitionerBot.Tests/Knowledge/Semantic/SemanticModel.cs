using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Semantic;
using PractitionerBot.Knowledge;
using PractitionerBot.Tests.Infrastructure;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Tests.Knowledge.Semantic;

/// <summary>
/// The real embedding model, loaded once for the whole test run (about a second), and the vectors of the
/// embedded corpus, computed once into a store shared by the tests that need them (and kept between runs
/// of this checkout, as the bot keeps them between restarts).
/// </summary>
public static class SemanticModel
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _corpusEmbedded;

    public static SemanticOptions Options { get; } = new();

    public static ITextEmbedder Embedder => PackagedModels.Instance.Load(Options);

    /// <summary>The shared store of the corpus's vectors, per checkout.</summary>
    public static string CorpusVectors { get; } = Path.Combine(Path.GetTempPath(), "practitionerbot-test-vectors-" +
        Convert.ToHexStringLower(System.IO.Hashing.XxHash64.Hash(System.Text.Encoding.UTF8.GetBytes(RepoPaths.Root)))[..12]);

    /// <summary>Makes sure every passage of the embedded corpus has its vector in <see cref="CorpusVectors"/>; one caller embeds, the others wait.</summary>
    public static async Task<string> CorpusVectorsAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (!_corpusEmbedded)
            {
                using var index = CorpusIndex();
                new SemanticIndexer(Embedder).Build(index, CorpusVectors);
                _corpusEmbedded = true;
            }
            return CorpusVectors;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static LuceneIndex CorpusIndex()
    {
        var index = LuceneIndex.InMemory();
        var groups = WorkingGroupDirectory.Load(RepoPaths.WorkingGroups);
        new KnowledgeIndexer(new CorpusLoader(groups.Ids), new PassageSplitter()).Build(index, RepoPaths.Corpus);
        return index;
    }
}
