using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Model;
using PractitionerBot.Knowledge;

namespace PractitionerBot.Tests.Knowledge;

public sealed class KnowledgeSearchTests : IDisposable
{
    private readonly LuceneIndex _index = LuceneIndex.InMemory();
    private readonly KnowledgeSearch _search;

    public KnowledgeSearchTests()
    {
        var groups = new HashSet<string> { "local", "police" };
        var documents = new[]
        {
            Doc("net", "Building a local network", "local", "A municipality builds a local prevention network with schools, police and youth workers."),
            Doc("pol", "Community policing", "police", "Community police officers build trust with neighbourhoods and refer concerns."),
            new CorpusDocument("plan", "Planning", ["local"], 2018, "guidance", "en", new SourceReference("Planning", 2018),
                [new DocumentSection("Mandate", "The council gives the coordinator a written mandate."),
                 new DocumentSection("Money", "Apply for a grant and keep a separate budget for evaluation.")]),
        };
        new KnowledgeIndexer(new CorpusLoader(groups), new PassageSplitter()).Index(_index, documents, [], "test");
        _search = new KnowledgeSearch(_index, new KnowledgeOptions());
    }

    private static CorpusDocument Doc(string id, string title, string group, string text) =>
        new(id, title, [group], 2018, "guidance", "en", new SourceReference(title, 2018), [new DocumentSection("Overview", text)]);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the and of to how what")]
    [InlineData("*** ??? ~~~ ((( ]]]")]
    public void Ask_WithNoSearchableWords_ReturnsNoTermsInsteadOfFailing(string question) =>
        Assert.Equal(KnowledgeStatus.NoTerms, _search.Ask(question).Status);

    [Fact]
    public void Ask_FindsTheRightDocumentAndHighlightsMatchedWords()
    {
        var answer = _search.Ask("How does a municipality build a network?");
        Assert.True(answer.IsConfident);
        Assert.Equal("net", answer.Best!.Passage.DocumentId);
        Assert.Contains("**municipality**", answer.Best.HighlightedText);
        Assert.Contains("**network**", answer.Best.HighlightedText);
    }

    [Fact]
    public void Ask_WithAMisspeltWord_StillFindsTheDocument() =>
        Assert.Equal("pol", _search.Ask("comunity policing").Best!.Passage.DocumentId);

    [Fact]
    public void Ask_AboutSomethingElse_IsNotConfident() =>
        Assert.False(_search.Ask("weather forecast for tomorrow in Lisbon").IsConfident);

    [Fact]
    public void Ask_WhenTheQuestionsWordsAreSpreadOverSectionsOfOneDocument_IsConfidentFromTheWholeDocument()
    {
        var answer = _search.Ask("coordinator mandate grant budget evaluation");
        Assert.Equal("plan", answer.Best!.Passage.DocumentId);
        Assert.True(answer.Evidence.Passage < 0.5, $"passage evidence {answer.Evidence.Passage:F2}");
        Assert.True(answer.Evidence.Document >= 0.5, $"document evidence {answer.Evidence.Document:F2}");
        Assert.True(answer.IsConfident);
        Assert.False(new KnowledgeSearch(_index, new KnowledgeOptions { ConfidenceMeasure = ConfidenceMeasure.Passage })
            .Ask("coordinator mandate grant budget evaluation").IsConfident);
    }

    [Fact]
    public void Ask_FilteredByWorkingGroup_OnlyReturnsThatGroup() =>
        Assert.All(_search.Ask("build trust network police municipality", 5, "police").Hits, h => Assert.Contains("police", h.Passage.WorkingGroups));

    [Fact]
    public void Upsert_ReplacesADocumentsPassagesInsteadOfDuplicatingThem()
    {
        var indexer = new KnowledgeIndexer(new CorpusLoader(new HashSet<string> { "local" }), new PassageSplitter());
        indexer.Index(_index, [Doc("net", "Building a local network", "local", "Completely new text about tabletop exercises.")], [], "v2");
        Assert.Equal(1, _index.PassageCount);
        Assert.Equal("net", _search.Ask("tabletop exercises").Best!.Passage.DocumentId);
    }

    public void Dispose() => _index.Dispose();
}
