using PractitionerBot.Knowledge.Semantic;

namespace PractitionerBot.Tests.Knowledge.Semantic;

public sealed class VectorIndexTests
{
    private static float[] Unit(params float[] v)
    {
        VectorMath.Normalize(v);
        return v;
    }

    private static VectorIndex Index() => new(
        [new("a#1", "a", ["local"]), new("b#1", "b", ["police"]), new("c#1", "c", ["local", "police"]), new("a#2", "a", ["local"])],
        [Unit(1, 0, 0), Unit(0, 1, 0), Unit(1, 1, 0), Unit(1, 0, 1)], "test");

    [Fact]
    public void Search_ReturnsTheClosestPassagesBestFirst_WithTheirCosines()
    {
        var hits = Index().Search(Unit(1, 0.1f, 0), 3);
        Assert.Equal(["a#1", "c#1", "a#2"], hits.Select(h => h.Entry.PassageId));
        Assert.True(hits[0].Cosine > hits[1].Cosine && hits[1].Cosine > hits[2].Cosine);
        Assert.Equal(VectorMath.Dot(Unit(1, 0.1f, 0), Unit(1, 0, 0)), hits[0].Cosine, 5);
    }

    [Fact]
    public void Search_WithAWorkingGroup_OnlyFindsThatGroupsPassages()
    {
        var hits = Index().Search(Unit(1, 0, 0), 10, "police");
        Assert.Equal(["c#1", "b#1"], hits.Select(h => h.Entry.PassageId));
    }

    [Fact]
    public void Search_OverAThousandRandomVectors_AgreesWithSortingEveryCosine()
    {
        var random = new Random(7);
        var vectors = Enumerable.Range(0, 1000).Select(_ => Unit(Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble() - 0.5f).ToArray())).ToList();
        var index = new VectorIndex(vectors.Select((_, i) => new VectorEntry($"p{i}", $"d{i / 3}", [])).ToList(), vectors, "test");
        var query = vectors[123];
        var expected = vectors.Select((v, i) => (Id: $"p{i}", Cosine: VectorMath.Dot(v, query))).OrderByDescending(x => x.Cosine).Take(20).Select(x => x.Id);
        Assert.Equal(expected, index.Search(query, 20).Select(h => h.Entry.PassageId));
        Assert.Equal("p123", index.Search(query, 1)[0].Entry.PassageId);
    }

    [Fact]
    public void Search_SplitAcrossCores_FindsTheSamePassagesInTheSameOrder_WithAndWithoutAWorkingGroup()
    {
        var random = new Random(11);
        var vectors = Enumerable.Range(0, 1001).Select(_ => Unit(Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble() - 0.5f).ToArray())).ToList();
        var entries = vectors.Select((_, i) => new VectorEntry($"p{i}", $"d{i / 3}", i % 2 == 0 ? ["local"] : ["police"])).ToList();
        var whole = new VectorIndex(entries, vectors, "test");
        var split = new VectorIndex(entries, vectors, "test") { SplitFrom = 1 };
        foreach (var query in new[] { vectors[5], vectors[500], vectors[1000] })
            foreach (var (k, group) in new[] { (1, (string?)null), (25, null), (25, "police"), (2000, "local") })
                Assert.Equal(whole.Search(query, k, group).Select(h => h.Entry.PassageId), split.Search(query, k, group).Select(h => h.Entry.PassageId));
    }

    [Fact]
    public void Cosine_OfAPassageWithoutAVector_IsNull()
    {
        Assert.Null(Index().Cosine(Unit(1, 0, 0), "z#9"));
        Assert.Equal(1f, Index().Cosine(Unit(1, 0, 0), "a#1")!.Value, 5);
    }

    [Fact]
    public void Reciprocal_RanksADocumentBothRankingsFoundAboveOnesFoundByOneOnly_ThenByRank()
    {
        var fused = Fusion.Reciprocal(["a", "b", "c"], ["d", "c", "a"], 60, 1.0);
        Assert.Equal(["a", "c", "d", "b"], fused);
    }

    [Fact]
    public void Reciprocal_WithAHeavierDenseWeight_LetsTheDenseTopDocumentLead()
    {
        Assert.Equal("d", Fusion.Reciprocal(["a", "b"], ["d", "c"], 10, 3.0)[0]);
        Assert.Equal("a", Fusion.Reciprocal(["a", "b"], ["d", "c"], 10, 0.5)[0]);
    }

    [Fact]
    public void DenseRanking_KeepsTheBestPassagePerDocument()
    {
        var ranking = DenseRanking.FromPassages([(new VectorEntry("a#2", "a", []), 0.9f), (new VectorEntry("b#1", "b", []), 0.8f), (new VectorEntry("a#1", "a", []), 0.7f)],
            _ => null, 60, 1.0);
        Assert.Equal(["a", "b"], ranking.Documents.Select(d => d.DocumentId));
        Assert.Equal("a#2", ranking.Of("a")!.PassageId);
        Assert.Equal(2, ranking.RankOf("b"));
        Assert.Null(ranking.RankOf("z"));
    }
}
