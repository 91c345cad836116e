using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Semantic;
using PractitionerBot.Knowledge;
using PractitionerBot.Tests.Infrastructure;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Tests.Knowledge.Semantic;

/// <summary>The dense index of a small corpus, with the real model, rebuilt as a restarted bot rebuilds it.</summary>
public sealed class SemanticIndexerTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Corpus => _dir.File("corpus");
    private string Vectors => _dir.File("vectors");

    public SemanticIndexerTests()
    {
        Directory.CreateDirectory(Corpus);
        foreach (var name in new[] { "exit-digital-exit-work.md", "pp-families-in-rehabilitation.md" })
            File.Copy(Path.Combine(RepoPaths.Corpus, name), Path.Combine(Corpus, name));
    }

    private (VectorIndex Index, SemanticBuildReport Report) BuildAfterRestart()
    {
        // A new index object on the same folder and a new indexer: only the files carry over, as after a restart.
        using var index = LuceneIndex.Open(_dir.File("lucene"));
        new KnowledgeIndexer(new CorpusLoader(WorkingGroupDirectory.Load(RepoPaths.WorkingGroups).Ids), new PassageSplitter()).Build(index, Corpus);
        return new SemanticIndexer(SemanticModel.Embedder).Build(index, Vectors);
    }

    [Fact]
    public void Build_AfterARestart_EmbedsOnlyNewOrChangedPassages()
    {
        var first = BuildAfterRestart();
        Assert.True(first.Report.Passages >= 4, $"{first.Report.Passages} passages");
        Assert.Equal(first.Report.Passages, first.Report.Embedded);

        var second = BuildAfterRestart();
        Assert.Equal(0, second.Report.Embedded);
        Assert.Equal(first.Report.Passages, second.Index.Count);

        var file = Path.Combine(Corpus, "exit-digital-exit-work.md");
        var text = File.ReadAllText(file);
        Assert.Contains("More and more exit programmes", text);
        File.WriteAllText(file, text.Replace("More and more exit programmes", "More and more exit services"));
        var third = BuildAfterRestart();
        Assert.Equal(1, third.Report.Embedded);
        Assert.Equal(first.Report.Passages, third.Index.Count);
    }

    [Fact]
    public void Build_GivesEveryPassageAUnitVectorOfTheModelsSize()
    {
        var (index, _) = BuildAfterRestart();
        var query = SemanticModel.Embedder.EmbedQuery("how do families support a prisoner after release");
        Assert.Equal(SemanticModel.Embedder.Dimensions, query.Length);
        Assert.Equal(1f, VectorMath.Dot(query, query), 3);
        var best = index.Search(query, 1).Single();
        Assert.Equal("pp-families-in-rehabilitation", best.Entry.DocumentId);
        Assert.Equal(best.Cosine, index.Cosine(query, best.Entry.PassageId)!.Value, 5);
    }

    public void Dispose() => _dir.Dispose();
}
