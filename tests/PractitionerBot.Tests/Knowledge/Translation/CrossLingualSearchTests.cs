using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Model;
using PractitionerBot.Knowledge.Translation;
using PractitionerBot.Knowledge;
using PractitionerBot.Localization;

namespace PractitionerBot.Tests.Knowledge.Translation;

/// <summary>A small lexicon of our own (not the shipped one) and a few papers, one of them in German.</summary>
public sealed class CrossLingualSearchTests : IDisposable
{
    private static readonly BilingualLexicon Lexicon = BilingualLexicon.FromEntries(new Dictionary<string, IReadOnlyList<BilingualLexicon.Entry>>
    {
        ["de"] =
        [
            new("radikalisierung", ["radicalisation"]), new("prävention", ["prevention"]), new("lehrer", ["teacher", "educator", "instructor", "tutor"]),
            new("schule", ["school"]), new("rückkehrer", ["returnee"]), new("risikobewertung", ["risk assessment"]), new("erzählen", ["tell"]),
        ],
        ["fr"] = [new("travailleur de jeunesse", ["youth worker"]), new("revenant", ["returnee"]), new("école", ["school"])],
        ["nl"] = [new("terugkeerder", ["returnee"]), new("jongerenwerker", ["youth worker"])],
    });

    private readonly LuceneIndex _index = LuceneIndex.InMemory();
    private readonly QueryTranslator _translator = new(Lexicon, new LanguageIdentifier());
    private readonly KnowledgeSearch _search;

    public CrossLingualSearchTests()
    {
        var documents = new[]
        {
            Doc("returnees", "Returnees and risk assessment", "en", "Risk assessment of returnees combines structured tools with the judgement of professionals."),
            Doc("school", "Prevention at school", "en", "A teacher who hears an extremist remark talks with the pupil and involves the school's contact person."),
            Doc("youth", "Youth work", "en", "A youth worker keeps contact with young people in the neighbourhood."),
            Doc("de-paper", "Ausstiegsarbeit", "de", "Die Ausstiegsberatung begleitet Menschen beim Verlassen extremistischer Szenen."),
        };
        new KnowledgeIndexer(new CorpusLoader(new HashSet<string> { "local" }), new PassageSplitter(), _translator).Index(_index, documents, [], "test");
        _search = new KnowledgeSearch(_index, new KnowledgeOptions(), _translator);
    }

    private static CorpusDocument Doc(string id, string title, string language, string text) =>
        new(id, title, ["local"], 2020, "paper", language, new SourceReference(title, 2020), [new DocumentSection("Overview", text)]);

    [Fact]
    public void Translate_SplitsGermanCompoundsIntoLexiconWords()
    {
        var translated = _translator.Translate("Radikalisierungsprävention in der Schule", "de")!;
        var english = translated.Concepts.SelectMany(c => c.English).ToList();
        Assert.Contains("radicalisation", english);
        Assert.Contains("prevention", english);
        Assert.Contains("school", english);
    }

    [Fact]
    public void Translate_MatchesMultiWordEntriesAndInflectedForms()
    {
        var french = _translator.Translate("Les travailleurs de jeunesse et les revenants", "fr")!;
        Assert.Contains(french.Concepts, c => c.English.Contains("youth worker"));
        Assert.Contains(french.Concepts, c => c.English.Contains("returnee"));
        var german = _translator.Translate("Der Schüler erzählt", "de")!;
        Assert.Contains(german.Concepts, c => c.English.Contains("tell"));
    }

    [Theory]
    [InlineData("Wie bewerte ich das Risiko von Rückkehrern? Gibt es eine Risikobewertung?", "de", "returnees")]
    [InlineData("Comment évaluer le risque des revenants ?", "fr", "returnees")]
    [InlineData("Hoe werkt een jongerenwerker met jongeren in de wijk?", "nl", "youth")]
    public void Ask_InFrenchGermanOrDutch_FindsTheEnglishPaperAndSaysTheLanguage(string question, string language, string expected)
    {
        var answer = _search.Ask(question);
        Assert.Equal(language, answer.Language);
        Assert.Equal(expected, answer.Best!.Passage.DocumentId);
        Assert.Contains("**", answer.Best.HighlightedText); // English words highlighted
    }

    [Fact]
    public void Ask_AWordWithManyTranslations_CountsAsOneConcept()
    {
        // "Lehrer" has four renderings, "Rückkehrer" one: the returnee paper must not lose to the one that mentions teachers.
        var answer = _search.Ask("Lehrer und Rückkehrer Risikobewertung");
        Assert.Equal("returnees", answer.Best!.Passage.DocumentId);
    }

    [Fact]
    public void Ask_InGerman_FindsAPaperWrittenInGerman()
    {
        var answer = _search.Ask("Wer bietet Ausstiegsberatung für Menschen aus extremistischen Szenen an?");
        Assert.Equal("de", answer.Language);
        Assert.Equal("de-paper", answer.Best!.Passage.DocumentId);
        Assert.Equal("de", answer.Best.Passage.Language);
        Assert.Contains("**Ausstiegsberatung**", answer.Best.HighlightedText);
    }

    [Fact]
    public void Ask_OffTopicGermanQuestion_IsNotConfident()
    {
        var answer = _search.Ask("Rezept für Käsespätzle mit Röstzwiebeln");
        Assert.Equal("de", answer.Language);
        Assert.False(answer.IsConfident);
    }

    [Theory]
    [InlineData("fr", "de", "en-US", "fr")]
    [InlineData(null, "de", "en-US", "de")]
    [InlineData(null, null, "nl-BE", "nl")]
    [InlineData(null, null, "es-ES", "en")]
    [InlineData(null, "es", "fr-FR", "fr")]
    public void LanguageOf_ProfileThenMessageThenLocale(string? profile, string? detected, string locale, string expected) =>
        Assert.Equal(expected, BotTexts.LanguageOf(profile, detected, locale));

    [Fact]
    public void Load_ABadLexiconLine_NamesTheFileAndLine()
    {
        using var dir = new Infrastructure.TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "de-en.tsv"), "# comment\nschule\tschool\nkaputt\n");
        var error = Assert.Throws<InvalidDataException>(() => BilingualLexicon.Load(dir.Path));
        Assert.Contains("de-en.tsv, line 3", error.Message);
    }

    public void Dispose() => _index.Dispose();
}
