using PractitionerBot.Knowledge.Translation;

namespace PractitionerBot.Tests.Knowledge.Translation;

/// <summary>
/// The finite verb of a German or Dutch question is read as a verb, with a separable particle at the end of its clause
/// (Hoe vraag ik subsidie aan = apply for a grant; wie stimmen wir uns ab = coordinate). Field lexicons written for the test.
/// </summary>
public sealed class VerbReadingTests
{
    private static readonly BilingualLexicon Lexicon = BilingualLexicon.FromEntries(new Dictionary<string, IReadOnlyList<BilingualLexicon.Entry>>
    {
        ["nl"] =
        [
            new("vraag", ["question"]), new("vragen", ["ask"]), new("aanvraag", ["application"]), new("aanvragen", ["request"]),
            new("start", ["beginning", "start"]), new("starten", ["start", "launch"]), new("subsidie", ["grant"]), new("project", ["project"]),
            new("praten", ["talk"]), new("overpraten", ["talk over"]), new("radicalisering", ["radicalisation"]), new("ouders", ["parents"]),
            new("begeleiden", ["support"]), new("man", ["man"]), new("hoe", ["how"]), new("ik", ["I"]), new("voor", ["for"]),
            new("aan", ["to"]), new("mijn", ["my"]), new("met", ["with"]), new("over", ["about"]), new("een", ["a"]),
        ],
        ["de"] =
        [
            new("stimme", ["voice"]), new("abstimmen", ["coordinate"]), new("polizei", ["police"]), new("schule", ["school"]),
            new("wie", ["how"]), new("wir", ["we"]), new("uns", ["us"]), new("mit", ["with"]), new("der", ["the"]), new("ab", ["from"]),
        ],
    });

    private readonly QueryTranslator _translator = new(Lexicon, new LanguageIdentifier());

    [Fact]
    public void ADutchSeparableVerb_IsReadWithItsParticle_EvenBeforeAPreposition()
    {
        var question = _translator.Translate("Hoe vraag ik subsidie aan voor mijn project?", "nl")!;

        Assert.Equal(["request"], Concept(question, "vraag").English);
        Assert.Equal("how request I grant for my project", question.English); // the particle is the verb's, not "to"
    }

    [Fact]
    public void AFiniteVerbBeforeItsPronoun_IsReadAsTheVerb_NotAsTheNounWithItsStem()
    {
        Assert.Equal("how ask I", _translator.Translate("Hoe vraag ik?", "nl")!.English);
        Assert.Equal("how start I a project", _translator.Translate("Hoe start ik een project?", "nl")!.English);
        // After a clause's first word, the pronoun's verb: ik begeleid = I support.
        Assert.Equal(["support"], Concept(_translator.Translate("Ik begeleid een man.", "nl")!, "begeleid").English);
        // Elsewhere a noun stays a noun.
        Assert.Equal("question", Concept(_translator.Translate("Een vraag over radicalisering", "nl")!, "vraag").English[0]);
    }

    [Fact]
    public void APrepositionInsideTheClause_IsNotTakenForAParticle()
    {
        // "over radicalisering" is a preposition with its noun, not the particle of overpraten.
        var question = _translator.Translate("Hoe praat ik over radicalisering met ouders?", "nl")!;

        Assert.Equal(["talk"], Concept(question, "praat").English);
        Assert.Equal("how talk I about radicalisation with parents", question.English);
    }

    [Fact]
    public void AGermanSeparableVerb_TakesTheParticleThatEndsItsClause()
    {
        var question = _translator.Translate("Wie stimmen wir uns mit der Polizei ab?", "de")!;

        Assert.Equal(["coordinate"], Concept(question, "stimmen").English);
        Assert.DoesNotContain(question.Concepts, c => c.Surface == "ab");
        Assert.Equal("how coordinate we us with the police", question.English);
    }

    private static QueryConcept Concept(TranslatedQuestion question, string surface) =>
        Assert.Single(question.Concepts, c => c.Surface == surface);
}
