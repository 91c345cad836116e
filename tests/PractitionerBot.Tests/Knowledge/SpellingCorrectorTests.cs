using PractitionerBot.Knowledge;

namespace PractitionerBot.Tests.Knowledge;

/// <summary>English questions as practitioners type them fast, put right before the models read them.</summary>
public sealed class SpellingCorrectorTests
{
    /// <summary>The papers' words with their counts; a one-off word is not offered as a correction.</summary>
    private static readonly Dictionary<string, int> Papers = new(StringComparer.Ordinal)
    {
        ["community"] = 40, ["terrorist"] = 30, ["attack"] = 25, ["helpline"] = 6, ["confidentiality"] = 5, ["school"] = 50,
        ["tension"] = 12, ["police"] = 60, ["polarisation"] = 20, ["prevention"] = 80, ["preventing"] = 3, ["radicalising"] = 2,
        ["rare"] = 1, ["there"] = 90, ["the"] = 900, ["male"] = 3, ["work"] = 20, ["contacts"] = 4,
    };

    private static readonly HashSet<string> English = ["pension", "autism", "think", "cope", "fridge"];

    private static readonly SpellingCorrector Corrector = new(Papers, English.Contains);

    [Theory]
    [InlineData("crisis comunication after terorist atack", "crisis comunication after terrorist attack")]
    [InlineData("setting up a helpine for parents confidentality rules", "setting up a helpline for parents confidentiality rules")]
    [InlineData("polarisaton in the comunity", "polarisation in the community")]
    [InlineData("Comunity work. Polise contacts? Terorist atack", "community work. police contacts? terrorist attack")]
    [InlineData("when shoud a returnee child start scool", "when shoud a returnee child start school")]
    public void MisspellingsOfThePapersWords_AreCorrected(string typed, string read) =>
        Assert.Equal(read, Corrector.Correct(typed));

    [Theory]
    [InlineData("im a teacher and theres a kid who doesnt listen", "I'm a teacher and there's a kid who doesn't listen")]
    [InlineData("Im worried, ppl at school say noone helps", "I'm worried, people at school say no one helps")]
    [InlineData("halfway thru the yr", "halfway through the year")]
    public void ShorthandAndMissingApostrophes_AreSpeltOut(string typed, string read) =>
        Assert.Equal(read, Corrector.Correct(typed));

    [Theory]
    [InlineData("pension contributions while working for an NGO")] // an English word one edit from the papers' "tension"
    [InlineData("support group for parents of children with autism")]
    [InlineData("he thinks and she copes")]                          // known words with an English ending
    [InlineData("LinkedIn and ISIS and the ID card")]                // capitals inside: names, acronyms; ID is not "I'd"
    [InlineData("a meeting in Comunity Hall with the Polise")]      // a capital mid-sentence: a name
    [InlineData("Malmö and Zürich schools")]                         // letters English does not use: not an English word cut short
    [InlineData("a rarr sign")]                                       // the papers use "rare" once only
    [InlineData("preventing and radicalising")]                      // the papers' own words
    [InlineData("ransomware on the servers")]                         // nothing close enough in the papers
    [InlineData("")]
    public void WordsThatAreNotMisspellings_AreLeftAsTyped(string typed) =>
        Assert.Equal(typed, Corrector.Correct(typed));

    [Fact]
    public void ALongWord_MayBeTwoEditsAway_AShortOneOnlyOne()
    {
        Assert.Equal("prevention", Corrector.Correct("prevension"));   // one edit
        Assert.Equal("prevention", Corrector.Correct("prevnetoin"));   // two edits, ten letters
        Assert.Equal("shcoll", Corrector.Correct("shcoll"));           // two edits, six letters
    }

    [Theory]
    [InlineData("prevnetoin", "prevention", 2)]
    [InlineData("atack", "attack", 1)]
    [InlineData("community", "community", 0)]
    [InlineData("radicalisierungsprävention", "prevention", 3)]
    public void Distance_CountsEditsUpToThree(string a, string b, int distance) =>
        Assert.Equal(distance, SpellingCorrector.Distance(a, b));

    [Fact]
    public void PunctuationAndSpacing_AreKept()
    {
        Assert.Equal("Help!  Our community, after the attack?", Corrector.Correct("Help!  Our comunity, after the atack?"));
    }
}
