using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge;
using PractitionerBot.Tests.Infrastructure;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Tests.WorkingGroups;

public sealed class RoutingTests : IDisposable
{
    // Recorded with: dotnet run --project src/PractitionerBot.Cli -- route --golden tests/PractitionerBot.Tests/Data/golden
    private const double BaselineTop1 = 0.88;
    private const double BaselineTop3 = 0.99;

    private readonly LuceneIndex _index = LuceneIndex.InMemory();
    private readonly WorkingGroupRouter _router;

    public RoutingTests()
    {
        var groups = WorkingGroupDirectory.Load(RepoPaths.WorkingGroups);
        new KnowledgeIndexer(new CorpusLoader(groups.Ids), new PassageSplitter()).Build(_index, RepoPaths.Corpus);
        _router = new WorkingGroupRouter(groups, new Fixed(new KnowledgeSearch(_index, new KnowledgeOptions())));
    }

    [Fact]
    public void GoldenSet_Top1AndTop3_MeetTheBar()
    {
        var cases = RoutingGoldenSet.Load(RepoPaths.Golden);
        Assert.True(cases.Count >= 80, $"{cases.Count} routing cases");
        Assert.All(cases.GroupBy(c => c.Expected), g => Assert.True(g.Count() >= 6, $"{g.Key}: {g.Count()} cases"));
        var scores = RoutingGoldenSet.Evaluate(_router, cases);
        Assert.True(scores.Top1 >= BaselineTop1, $"top-1 fell to {scores.Top1:F4}");
        Assert.True(scores.Top3 >= BaselineTop3, $"top-3 fell to {scores.Top3:F4}");
    }

    [Fact]
    public void Route_ListsAllTenGroupsBestFirstWithAReason()
    {
        var result = _router.Route("I'm a probation officer preparing a terrorist offender's release");
        Assert.Equal(10, result.Ranked.Count);
        Assert.Equal("prison-probation", result.Best.Group.Id);
        Assert.Contains("probation officer", result.Best.Reason);
        Assert.Equal(result.Ranked.OrderByDescending(r => r.Score).Select(r => r.Group.Id), result.Ranked.Select(r => r.Group.Id));
    }

    [Theory]
    [InlineData("teacher")]
    [InlineData("pupils classroom")]
    [InlineData("Ich bin Lehrerin an einer Schule in Köln und unterrichte Geschichte; school teacher")]
    public void Route_WorksOnAFewWords(string text) => Assert.Equal("education", _router.Route(text).Best.Group.Id);

    [Fact]
    public void Route_OnLongMessyText_StillFindsTheGroup()
    {
        var text = string.Concat(Enumerable.Repeat("ok so... basically!!! ", 200)) +
                   " i run the youth centre and parents keep calling our helpline about their sons; " + new string('!', 3000);
        Assert.Equal("youth-families-communities", _router.Route(text).Best.Group.Id);
    }

    [Fact]
    public void Route_WhenTwoGroupsFit_SaysSo()
    {
        var result = _router.Route("exit worker in a prison");
        Assert.True(result.TwoFit, string.Join(", ", result.Ranked.Take(2).Select(r => $"{r.Group.Id} {r.Score}")));
    }

    [Fact]
    public void Route_WithNothingToGoOn_SaysThereIsNoSignal()
    {
        var result = _router.Route("hello there");
        Assert.False(result.HasSignal);
        Assert.All(result.Ranked, r => Assert.Equal("no clear sign of this group", r.Reason));
    }

    public void Dispose() => _index.Dispose();

    private sealed class Fixed(KnowledgeSearch search) : IKnowledgeBase
    {
        public bool IsReady => true;

        public KnowledgeAnswer Ask(string question, int top = 3, string? workingGroup = null) => search.Ask(question, top, workingGroup);
    }
}
