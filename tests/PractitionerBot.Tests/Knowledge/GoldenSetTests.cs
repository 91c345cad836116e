using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Evaluation;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Tests.Infrastructure;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Tests.Knowledge;

/// <summary>Practitioners' questions against the embedded corpus, through the bot's own retrieval.</summary>
public sealed class GoldenSetTests
{
    // Recorded with: dotnet run --project src/PractitionerBot.Cli -- eval --golden tests/PractitionerBot.Tests/Data/golden
    // Raise these when retrieval improves; a drop below them fails the build.
    private const double BaselineRecallAt3 = 0.90;
    private const double BaselineMrr = 0.93;

    // Answer or abstain, with the default rule (docs/BENCHMARKS.md, "Answer or abstain"): measured 0.791
    // correct-answer rate on the golden set and 0.081 false-answer rate on unanswerable.jsonl.
    private const double FloorCorrectAnswerRate = 0.77;
    private const double CeilingFalseAnswerRate = 0.10;

    [Fact]
    public void GoldenSet_RecallAt3AndMrr_StayAtOrAboveTheRecordedBaseline()
    {
        var questions = GoldenSet.Load(RepoPaths.Golden);
        Assert.True(questions.Count >= 100, $"the golden set has {questions.Count} questions, fewer than 100");

        using var index = CorpusIndex();
        var scores = GoldenSet.Evaluate(new KnowledgeSearch(index, new KnowledgeOptions()), questions);
        Assert.True(scores.RecallAt3 >= BaselineRecallAt3, $"Recall@3 fell to {scores.RecallAt3:F4} (baseline {BaselineRecallAt3})");
        Assert.True(scores.Mrr >= BaselineMrr, $"MRR fell to {scores.Mrr:F4} (baseline {BaselineMrr})");
    }

    [Fact]
    public void AnswerOrAbstain_CorrectAndFalseAnswerRates_StayWithinTheRecordedFigures()
    {
        using var index = CorpusIndex();
        var cases = AbstainEvaluation.Run(new KnowledgeSearch(index, new KnowledgeOptions()),
            GoldenSet.Load(RepoPaths.Golden), GoldenSet.LoadUnanswerable(RepoPaths.Golden));

        var rates = AbstainEvaluation.Rates(cases);
        Assert.True(rates.CorrectAnswerRate >= FloorCorrectAnswerRate,
            $"correct-answer rate fell to {rates.CorrectAnswerRate:F3} (floor {FloorCorrectAnswerRate})");
        Assert.True(rates.FalseAnswerRate <= CeilingFalseAnswerRate,
            $"false-answer rate rose to {rates.FalseAnswerRate:F3} (ceiling {CeilingFalseAnswerRate})");
    }

    [Fact]
    public void Unanswerable_HasOnlyQuestionsWithoutExpectedDocuments()
    {
        var questions = GoldenSet.LoadUnanswerable(RepoPaths.Golden);
        Assert.True(questions.Count >= 100, $"the unanswerable set has {questions.Count} questions, fewer than 100");
        Assert.All(questions, q => Assert.Empty(q.Expected));
        Assert.Equal(questions.Count, questions.Select(q => q.Question).Distinct().Count());
    }

    private static LuceneIndex CorpusIndex()
    {
        var index = LuceneIndex.InMemory();
        var groups = WorkingGroupDirectory.Load(RepoPaths.WorkingGroups);
        var report = new KnowledgeIndexer(new CorpusLoader(groups.Ids), new PassageSplitter()).Build(index, RepoPaths.Corpus);
        Assert.Empty(report.Skipped);
        return index;
    }

    [Fact]
    public void GoldenSet_EveryExpectedDocumentExists()
    {
        var ids = new CorpusLoader(WorkingGroupDirectory.Load(RepoPaths.WorkingGroups).Ids).Load(RepoPaths.Corpus).Documents.Select(d => d.Id).ToHashSet();
        var unknown = GoldenSet.Load(RepoPaths.Golden).SelectMany(q => q.Expected).Where(id => !ids.Contains(id)).Distinct().ToList();
        Assert.Empty(unknown);
    }
}
