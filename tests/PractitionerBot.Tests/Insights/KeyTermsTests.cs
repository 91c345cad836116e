using PractitionerBot.Knowledge;

namespace PractitionerBot.Tests.Insights;

public sealed class KeyTermsTests
{
    [Theory]
    [InlineData("Can Jan Peeters (jan.peeters@school.be) help?", "help")]
    [InlineData("Call me on +32 470 12 34 56 or 0470/123456 about exit work", "call exit work")]
    [InlineData("My pupil Ahmed in Molenbeek talks about ISIS videos", "isis pupil talks videos")]
    [InlineData("See https://example.org/case/123 and @sam for the grooming case", "case grooming see")]
    [InlineData("Case number 2024-55123: radicalised youth", "case number radicalised youth")]
    public void Of_RemovesNamesAddressesAndNumbers(string question, string expected) =>
        Assert.Equal(expected, string.Join(' ', KeyTerms.Of(question)));

    [Fact]
    public void Of_RemovesTheAskersOwnName_EvenAtTheStartOfASentence() =>
        Assert.Equal("asks mentoring", string.Join(' ', KeyTerms.Of("Amal asks about mentoring", "Amal Haddad")));

    [Fact]
    public void Of_KeepsAtMostEightTerms_Sorted()
    {
        var terms = KeyTerms.Of("alpha bravo charlie delta echo foxtrot golf hotel india juliet");
        Assert.Equal(KeyTerms.Max, terms.Count);
        Assert.Equal(terms.Order(StringComparer.Ordinal), terms);
    }
}
