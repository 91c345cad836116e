using Microsoft.Extensions.Logging.Abstractions;
using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Translation;
using PractitionerBot.Tests.Infrastructure;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Tests.Knowledge;

public sealed class KnowledgeBaseTests : IDisposable
{
    private const string Question = "How do I set up a local network against radicalisation?";
    private readonly TempDir _dir = new();

    [Fact]
    public void Dispose_LeavesNoClosedIndexBehind_QuestionsAreNotReady_AndOpenStartsAfresh()
    {
        var groups = WorkingGroupDirectory.Load(RepoPaths.WorkingGroups);
        var translator = new QueryTranslator(BilingualLexicon.Load(Path.Combine(RepoPaths.Root, "index", "lexicon")), new LanguageIdentifier());
        var knowledge = new KnowledgeBase(new KnowledgeOptions(), new KnowledgeIndexer(new CorpusLoader(groups.Ids), new PassageSplitter(), translator),
            translator, NullLogger<KnowledgeBase>.Instance);
        var indexPath = Path.Combine(_dir.Path, "lucene");
        knowledge.Open(RepoPaths.Corpus, indexPath);
        Assert.NotEmpty(knowledge.Ask(Question).Hits);

        knowledge.Dispose();

        Assert.False(knowledge.IsReady);
        Assert.Null(knowledge.Index);
        Assert.Equal(KnowledgeStatus.NotReady, knowledge.Ask(Question).Status);
        knowledge.Open(RepoPaths.Corpus, indexPath);
        Assert.NotEmpty(knowledge.Ask(Question).Hits);
        knowledge.Dispose();
    }

    public void Dispose() => _dir.Dispose();
}
