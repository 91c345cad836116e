using PractitionerBot.Knowledge.Evaluation;
using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Semantic;
using PractitionerBot.Knowledge.Translation;
using PractitionerBot.Knowledge;
using PractitionerBot.Tests.Infrastructure;
using PractitionerBot.Tests.Knowledge.Semantic;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Tests.Knowledge;

/// <summary>Practitioners' questions against the embedded corpus, through the bot's own retrieval.</summary>
public sealed class GoldenSetTests
{
    // Recorded with: dotnet run --project src/PractitionerBot.Cli -- eval --golden tests/PractitionerBot.Tests/Data/golden --lexical
    // Raise these when retrieval improves; a drop below them fails the build. Lowered when the golden set
    // gained 138 informal practitioner questions (retrieval-informal.jsonl): measured Recall@3 0.8519, MRR 0.8627.
    private const double BaselineRecallAt3 = 0.85;
    private const double BaselineMrr = 0.86;

    // Answer or abstain, lexical rule (docs/BENCHMARKS.md, "Answer or abstain"): measured 0.595 correct-answer rate
    // on the 368 in-domain questions and 0.071 false-answer rate on the 224 of unanswerable.jsonl.
    private const double FloorCorrectAnswerRate = 0.58;
    private const double CeilingFalseAnswerRate = 0.08;

    // Hybrid (the bot once warm, default Knowledge:Semantic settings), on the held-out half (AbstainEvaluation.Half 1):
    // recorded with: dotnet run --project src/PractitionerBot.Cli -- eval --golden tests/PractitionerBot.Tests/Data/golden
    // (Recall@3 0.8750 on all questions; held-out correct-answer rate 0.799, false-answer rate 0.071).
    private const double HybridBaselineRecallAt3 = 0.88;
    private const double HybridFloorCorrectAnswerRate = 0.82;
    private const double HybridCeilingFalseAnswerRate = 0.05;

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

    // The bot's whole configuration: hybrid, the shipped lexicons, the installed FreeDict dictionaries, English questions
    // spelt out and corrected. Recorded with the same eval command (docs/BENCHMARKS.md, "Per language"): English held-out
    // half 0.853 correct, 0.045 false; all questions of each other language's set (121 to 132 answerable, 71 unanswerable),
    // correct fr 0.851, de 0.833, nl 0.876, false 0.042, 0.056, 0.099 (7 of 71: above the 0.05, recorded as it is).
    private const double BotFloorCorrectAnswerRate = 0.84;
    private const double TranslatedFloorCorrectAnswerRate = 0.80;
    private const double TranslatedCeilingFalseAnswerRate = 0.11;

    [InstalledFreeDictFact]
    public async Task Hybrid_AsTheBotRunsIt_InEnglishFrenchGermanAndDutch_StaysWithinTheRecordedFigures()
    {
        var vectors = await SemanticModel.CorpusVectorsAsync();
        var translator = new QueryTranslator(BilingualLexicon.Load(Path.Combine(RepoPaths.Root, "index", "lexicon")), new LanguageIdentifier(),
            KnowledgeOptions.DebianDictionaries);
        using var index = LuceneIndex.InMemory();
        new KnowledgeIndexer(new CorpusLoader(WorkingGroupDirectory.Load(RepoPaths.WorkingGroups).Ids), new PassageSplitter(), translator)
            .Build(index, RepoPaths.Corpus);
        var options = new KnowledgeOptions();
        var (dense, report) = new SemanticIndexer(SemanticModel.Embedder).Build(index, vectors);
        Assert.Equal(0, report.Embedded);
        var hybrid = new HybridSearch(new KnowledgeSearch(index, options, translator), dense, SemanticModel.Embedder, new SemanticOptions(), options);

        var english = AbstainEvaluation.Rates(AbstainEvaluation.Half(
            AbstainEvaluation.Run(hybrid, GoldenSet.Load(RepoPaths.Golden), GoldenSet.LoadUnanswerable(RepoPaths.Golden), options.MaxSources), 1));
        Assert.True(english.CorrectAnswerRate >= BotFloorCorrectAnswerRate,
            $"English held-out correct-answer rate fell to {english.CorrectAnswerRate:F3} (floor {BotFloorCorrectAnswerRate})");
        Assert.True(english.FalseAnswerRate <= HybridCeilingFalseAnswerRate,
            $"English held-out false-answer rate rose to {english.FalseAnswerRate:F3} (ceiling {HybridCeilingFalseAnswerRate})");
        foreach (var language in BilingualLexicon.SourceLanguages)
        {
            var folder = Path.Combine(RepoPaths.Golden, language);
            var rates = AbstainEvaluation.Rates(AbstainEvaluation.Run(hybrid, GoldenSet.Load(folder), GoldenSet.LoadUnanswerable(folder), options.MaxSources));
            Assert.True(rates.CorrectAnswerRate >= TranslatedFloorCorrectAnswerRate,
                $"{language}: correct-answer rate fell to {rates.CorrectAnswerRate:F3} (floor {TranslatedFloorCorrectAnswerRate})");
            Assert.True(rates.FalseAnswerRate <= TranslatedCeilingFalseAnswerRate,
                $"{language}: false-answer rate rose to {rates.FalseAnswerRate:F3} (ceiling {TranslatedCeilingFalseAnswerRate})");
        }
    }

    [Fact]
    public async Task Hybrid_HeldOutHalf_StaysWithinTheRecordedFigures()
    {
        var vectors = await SemanticModel.CorpusVectorsAsync();
        using var index = CorpusIndex();
        var options = new KnowledgeOptions();
        var semantic = new SemanticOptions();
        var lexical = new KnowledgeSearch(index, options);
        var (dense, report) = new SemanticIndexer(SemanticModel.Embedder).Build(index, vectors);
        Assert.Equal(0, report.Embedded);
        var hybrid = new HybridSearch(lexical, dense, SemanticModel.Embedder, semantic, options);

        var questions = GoldenSet.Load(RepoPaths.Golden);
        var scores = GoldenSet.Evaluate(hybrid, questions);
        Assert.True(scores.RecallAt3 >= HybridBaselineRecallAt3, $"hybrid Recall@3 fell to {scores.RecallAt3:F4} (baseline {HybridBaselineRecallAt3})");

        var heldOut = AbstainEvaluation.Rates(AbstainEvaluation.Half(AbstainEvaluation.Run(hybrid, questions, GoldenSet.LoadUnanswerable(RepoPaths.Golden)), 1));
        Assert.True(heldOut.CorrectAnswerRate >= HybridFloorCorrectAnswerRate,
            $"held-out correct-answer rate fell to {heldOut.CorrectAnswerRate:F3} (floor {HybridFloorCorrectAnswerRate})");
        Assert.True(heldOut.FalseAnswerRate <= HybridCeilingFalseAnswerRate,
            $"held-out false-answer rate rose to {heldOut.FalseAnswerRate:F3} (ceiling {HybridCeilingFalseAnswerRate})");
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
