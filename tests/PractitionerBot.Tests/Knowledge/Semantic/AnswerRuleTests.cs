using PractitionerBot.Knowledge.Semantic;

namespace PractitionerBot.Tests.Knowledge.Semantic;

public sealed class AnswerRuleTests
{
    private static readonly SemanticEvidence Close = new(0.66, 1, 1);

    [Fact]
    public void Answers_WhenTheCosineWithTheLexicalShareAddedReachesTheStrongCosine_OrTheLexicalShareAloneSuffices()
    {
        var rule = new AnswerRule(MinCosine: 0.5, StrongCosine: 0.7, MinLexical: 0.8, AgreementCounts: false, LexicalWeight: 0.1);
        Assert.True(rule.Answers(true, 0.4, Close));    // 0.66 + 0.04 reaches 0.70
        Assert.False(rule.Answers(true, 0.3, Close));   // 0.69 does not
        Assert.True(rule.Answers(true, 0.8, new SemanticEvidence(0.55, 5, 9)));
        Assert.False(rule.Answers(true, 0.9, new SemanticEvidence(0.45, 1, 1)));  // below the least cosine
        Assert.False(rule.Answers(false, 1.0, Close));  // nothing found
        Assert.False(rule.Answers(true, 1.0, null));    // no meaning
    }

    [Fact]
    public void ForTranslated_TakesEachSettingLeftUnsetFromEnglish_AndTheOnesSetFromItsOwnKeys()
    {
        var options = new SemanticOptions
        {
            MinCosine = 0.1, StrongCosine = 0.7, MinLexical = 0.7, LexicalWeight = 0.1,
            TranslatedMinCosine = null, TranslatedStrongCosine = null, TranslatedMinLexical = null, TranslatedLexicalWeight = null,
        };
        Assert.Equal(AnswerRule.From(options), AnswerRule.ForTranslated(options));

        options.TranslatedStrongCosine = 0.6;
        options.TranslatedAgreementCounts = true;
        var translated = AnswerRule.ForTranslated(options);
        Assert.Equal(new AnswerRule(0.1, 0.6, 0.7, true, 0.1), translated);
        Assert.True(translated.Answers(true, 0.0, new SemanticEvidence(0.62, 4, 4)));
        Assert.False(AnswerRule.From(options).Answers(true, 0.0, new SemanticEvidence(0.62, 4, 4)));
    }
}
