using PractitionerBot.Knowledge.Translation;

namespace PractitionerBot.Tests.Knowledge.Translation;

/// <summary>How the field lexicon's entries are read: phrases of one word and stop words, and acronyms. Lexicons written for the test.</summary>
public sealed class LexiconReadingTests
{
    private static readonly BilingualLexicon Lexicon = BilingualLexicon.FromEntries(new Dictionary<string, IReadOnlyList<BilingualLexicon.Entry>>
    {
        ["nl"] =
        [
            new("in de klas", ["in class"]), new("klas", ["class"]), new("op dit moment", ["currently"]),
            new("wij-zij", ["us versus them"]), new("wij zijn", ["we are"]), new("leerling", ["pupil"]), new("ran", ["rancid"]),
            new("de", ["the"]), new("in", ["in"]),
        ],
        ["de"] =
        [
            new("für", ["for"]), new("über", ["about"]), new("die", ["the"]), new("schule", ["school"]), new("gewalt", ["violence"]),
            new("umgehen mit", ["handle", "deal with"]), new("wie", ["how"]), new("wir", ["we"]), new("damit", ["with it"]),
            new("schüler", ["pupil"]), new("ein", ["a"]),
        ],
    });

    private readonly QueryTranslator _translator = new(Lexicon, new LanguageIdentifier());

    [Fact]
    public void APhraseOfOneWordAndStopWords_AddsItsSenseAfterTheWordsOwn_AndNeverStandsForTheWordAlone()
    {
        // "in de klas" analyses to klas: it must not make every klas "in class".
        Assert.Equal(["class", "in class"], Concept(_translator.Translate("een leerling in de klas", "nl")!, "klas").English);
        // "wij-zij" analyses to wij, which has no entry of its own: wij is not "us versus them".
        var question = _translator.Translate("wij zoeken een leerling", "nl")!;
        Assert.DoesNotContain(question.Concepts, c => c.English.Contains("us versus them"));
        // A verb with its preposition stands for the verb: wie gehen wir damit um = how handle we with it.
        Assert.Equal("how handle we with it", _translator.Translate("Wie gehen wir damit um?", "de")!.English);
    }

    [Fact]
    public void WordsThatShareAStem_EachGiveTheirOwnSenseFirst()
    {
        // Light stemming makes both Schule and Schüler "schul".
        Assert.Equal("a pupil", _translator.Translate("Ein Schüler", "de")!.English);
        Assert.Equal("the school", _translator.Translate("die Schule", "de")!.English);
    }

    [Fact]
    public void AnAcronymThePapersUse_IsKeptAsTyped()
    {
        var papers = new Dictionary<string, int> { ["ran"] = 40, ["pupil"] = 3 };

        var question = _translator.Translate("Welke RAN-werkgroep past bij een leerling?", "nl", w => papers.GetValueOrDefault(w))!;

        Assert.Equal(["RAN"], Concept(question, "RAN").English);
        // Without the papers' words, the lexicon decides.
        Assert.Equal("rancid", Concept(_translator.Translate("Welke RAN-werkgroep?", "nl")!, "RAN").English[0]);
    }

    [Fact]
    public void GermanTypedWithoutUmlauts_KeepsItsSmallWords()
    {
        var typed = _translator.Translate("Gespräch fuer die Schule ueber Gewalt", "de")!;

        Assert.Equal(_translator.Translate("Gespräch für die Schule über Gewalt", "de")!.English, typed.English);
        Assert.DoesNotContain(typed.Concepts, c => c.Surface is "fuer" or "ueber");
    }

    private static QueryConcept Concept(TranslatedQuestion question, string surface) =>
        Assert.Single(question.Concepts, c => c.Surface == surface);
}
