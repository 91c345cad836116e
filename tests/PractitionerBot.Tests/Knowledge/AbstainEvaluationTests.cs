using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Evaluation;

namespace PractitionerBot.Tests.Knowledge;

public sealed class AbstainEvaluationTests
{
    private static AbstainCase Case(bool answerable, double document, bool citesExpected = true) =>
        new(new GoldenQuestion("q", answerable ? ["d"] : [], "short"), answerable, false, citesExpected, true, new AnswerEvidence(0, document, 0));

    private static readonly AbstainCase[] Cases =
    [
        Case(true, 0.9), Case(true, 0.6, citesExpected: false), Case(true, 0.4), Case(true, 0.2),
        Case(false, 0.7), Case(false, 0.3), Case(false, 0.1), Case(false, 0.1),
    ];

    [Fact]
    public void Rates_CountCorrectAnswersOnlyWhenAnExpectedDocumentIsCited()
    {
        var rates = AbstainEvaluation.Rates(Cases, AbstainEvaluation.Rule(ConfidenceMeasure.Document, 0.5));
        Assert.Equal(0.5, rates.AnswerRate);
        Assert.Equal(0.25, rates.CorrectAnswerRate);
        Assert.Equal(0.25, rates.FalseAnswerRate);
    }

    [Fact]
    public void Choose_TakesTheBestCorrectAnswerRateWithinTheFalseAnswerBar()
    {
        var chosen = AbstainEvaluation.Choose(Cases, ConfidenceMeasure.Document, [0.2, 0.4, 0.8], maxFalseAnswerRate: 0.25);
        Assert.Equal(0.4, chosen!.Value.Threshold);
        Assert.Equal(0.5, chosen.Value.Rates.CorrectAnswerRate);
        Assert.Null(AbstainEvaluation.Choose(Cases, ConfidenceMeasure.Document, [0.2], maxFalseAnswerRate: 0.25));
    }
}
