using System.Globalization;
using System.IO.Compression;
using System.Text;
using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Translation;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Knowledge.Translation;

/// <summary>
/// The general dictionaries behind the field lexicon, read from dictd files in FreeDict's layout. The files here are written
/// by the test (FreeDict itself is GPL and is not copied into the repository); one test reads the installed dictionaries.
/// </summary>
public sealed class GeneralDictionaryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pb-dictd-").FullName;

    private static readonly BilingualLexicon Lexicon = BilingualLexicon.FromEntries(new Dictionary<string, IReadOnlyList<BilingualLexicon.Entry>>
    {
        ["de"] =
        [
            new("lehrer", ["teacher"]), new("schule", ["school"]), new("radikalisierung", ["radicalisation"]), new("ausstieg", ["exit"]),
            new("beratung", ["counselling"]),
        ],
    });

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Entries as FreeDict writes them: pronunciation, parts of speech, numbered senses, notes, examples, cross-references.</summary>
    private static readonly (string Headword, string Entry)[] German =
    [
        ("Lehrer", "Lehrer /lˈeːrɜ/ <n, masc>\ninstructor <n>\nteacher <n>\n"),
        ("Urlaub", "Urlaub /ˈuːɾlaʊp/ <n, masc>\nholiday <n>, vacation <n>\n   Synonym: {Ferien}\n\n see: {Urlaubsantrag}\n"),
        ("Äußerung", "Äußerung /ˈɔʏsəɾʊŋ/ <n, fem>\n1. statement, remark\n2. [ling.] utterance (+ gen)\n      \"eine Äußerung machen\"  - to make a statement\n"),
        ("Verein", "Verein /fɛɾˈaɪn/ <n, masc>\nclub <n>; association <n>; society <n>; union <n>\n"),
        ("VfB", "Verein /fɛɾˈaɪn/ <n, masc>\nclub <n>; association <n>; society <n>; union <n>\n"),
        ("Fahrrad fahren", "Fahrrad fahren <v>\ncycle <v>\n"),
        ("Ausstiegsklausel", "Ausstiegsklausel /ˈaʊsʃtiːksklaʊzəl/ <n, fem>\nopt-out clause <n>\n"),
        ("Fasten", "Fasten /ˈfastən/ <n, neut>\nfasting <n>\n"),
        ("fast", "fast /fast/ <adv>\nalmost, nearly\n"),
        ("mitbringen", "mitbringen /ˈmɪtbʁɪŋən/ <v>\nto bring sth. along; to take sb. … with you\n"),
    ];

    private void WriteGerman(bool compressed = true, bool truncate = false)
    {
        var data = new StringBuilder("00-database-info\nA test dictionary in FreeDict's layout.\n");
        var index = new StringBuilder($"00databaseinfo\t{B64(0)}\t{B64(Encoding.UTF8.GetByteCount(data.ToString()))}\n");
        var offsets = new Dictionary<string, (int, int)>();
        foreach (var (headword, entry) in German)
        {
            if (!offsets.TryGetValue(entry, out var at))
            {
                at = offsets[entry] = (Encoding.UTF8.GetByteCount(data.ToString()), Encoding.UTF8.GetByteCount(entry));
                data.Append(entry);
            }
            index.Append(CultureInfo.InvariantCulture, $"{headword}\t{B64(at.Item1)}\t{B64(at.Item2)}\n");
        }
        File.WriteAllText(Path.Combine(_folder, "freedict-deu-eng.index"), index.ToString());
        var bytes = Encoding.UTF8.GetBytes(data.ToString());
        if (truncate) bytes = bytes[..(bytes.Length / 2)];
        if (!compressed)
        {
            File.WriteAllBytes(Path.Combine(_folder, "freedict-deu-eng.dict"), bytes);
            return;
        }
        using var file = File.Create(Path.Combine(_folder, "freedict-deu-eng.dict.dz"));
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        gzip.Write(bytes);
    }

    private static string B64(long value)
    {
        const string digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var text = "";
        do
        {
            text = digits[(int)(value % 64)] + text;
            value /= 64;
        } while (value > 0);
        return text;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_TakesEachSingleWordHeadwordWithItsFirstSenses(bool compressed)
    {
        WriteGerman(compressed);
        var words = FreeDict.Read(_folder, "de").ToDictionary(w => w.Headword, w => w.English);

        Assert.Equal(["instructor", "teacher"], words["lehrer"]);
        Assert.Equal(["holiday", "vacation"], words["urlaub"]);
        Assert.Equal(["statement", "remark", "utterance"], words["äußerung"]);
        Assert.Equal(["club", "association", "society"], words["verein"]);
        Assert.Equal(["to bring along", "to take with you"], words["mitbringen"]); // stand-ins for the object are not English words
        Assert.DoesNotContain("vfb", words.Keys);            // an abbreviation pointing at another headword's entry
        Assert.DoesNotContain("fahrrad fahren", words.Keys); // phrases are the field lexicon's business
        Assert.Equal(["de"], FreeDict.Available(_folder));
    }

    [Fact]
    public void Base64Numbers_AreDictdsAlphabet()
    {
        Assert.Equal(0, FreeDict.Base64Number("A"));
        Assert.Equal(63, FreeDict.Base64Number("/"));
        Assert.Equal(64 * 26 + 52, FreeDict.Base64Number("a0"));
        Assert.Null(FreeDict.Base64Number("a-b"));
        Assert.Null(FreeDict.Base64Number(""));
    }

    [Fact]
    public void Translate_TakesEverydayWordsFromTheDictionary_AndTheFieldsWordsFromTheLexicon()
    {
        WriteGerman();
        var translator = new QueryTranslator(Lexicon, new LanguageIdentifier(), _folder);

        var question = translator.Translate("Ein Lehrer im Urlaub und die Äußerungen im Verein", "de")!;

        Assert.Equal(["teacher"], Concept(question, "Lehrer").English);        // the field's rendering, not the dictionary's first
        Assert.Equal(["holiday", "vacation"], Concept(question, "Urlaub").English);
        Assert.Equal(["statement", "remark", "utterance"], Concept(question, "Äußerungen").English); // a plural, by its stem
        Assert.All(question.Concepts, c => Assert.True(c.Translated));
        Assert.Equal("teacher holiday statement club", question.English);
        Assert.Equal([new QueryTranslator.GeneralDictionaryReport("fr", 0, null), new QueryTranslator.GeneralDictionaryReport("de", 6, null),
            new QueryTranslator.GeneralDictionaryReport("nl", 0, null)], translator.LoadGeneral());
    }

    [Fact]
    public void Translate_TakesACompoundTheDictionaryHasWhole_AndSplitsOneItLacks()
    {
        WriteGerman();
        var translator = new QueryTranslator(Lexicon, new LanguageIdentifier(), _folder);

        var question = translator.Translate("Die Ausstiegsklausel und die Ausstiegsberatung", "de")!;

        // An exit clause in a contract is not exit work: the whole word's sense wins over its parts'.
        Assert.Equal(["opt-out clause"], Concept(question, "Ausstiegsklausel").English);
        Assert.Equal(["exit", "counselling"], question.Concepts.Skip(1).Select(c => c.English[0]));
    }

    [Fact]
    public void Translate_ReadsAWordAsTyped_WhenAnotherWordHasItsStem()
    {
        WriteGerman();
        var translator = new QueryTranslator(Lexicon, new LanguageIdentifier(), _folder);

        var question = translator.Translate("Fast alle beim Fasten", "de")!;

        // Light stemming makes both "fast"; the word typed decides which one it is.
        Assert.Equal(["almost", "nearly"], Concept(question, "Fast").English);
        Assert.Equal(["fasting"], Concept(question, "Fasten").English);
    }

    [Fact]
    public void Translate_PutsTheSenseThePapersUseMostFirst_ForAnEverydayWord()
    {
        WriteGerman();
        var translator = new QueryTranslator(Lexicon, new LanguageIdentifier(), _folder);
        var papers = new Dictionary<string, int> { ["society"] = 12, ["club"] = 3, ["teacher"] = 1, ["instructor"] = 40 };

        var question = translator.Translate("Ein Lehrer im Verein", "de", w => papers.GetValueOrDefault(w))!;

        Assert.Equal(["society", "club", "association"], Concept(question, "Verein").English);
        Assert.Equal(["teacher"], Concept(question, "Lehrer").English); // the field lexicon's order is its own
        Assert.Equal("teacher society", question.English);
        // Papers that use none of the senses more than the first leave the dictionary's order.
        Assert.Equal(["holiday", "vacation"], Concept(translator.Translate("Urlaub", "de", _ => 0)!, "Urlaub").English);
    }

    [Fact]
    public void Translate_ReadsACompoundNeitherDictionaryHas_AsTheWordsThatMakeItUp()
    {
        WriteGerman();
        var translator = new QueryTranslator(Lexicon, new LanguageIdentifier(), _folder);

        // Urlaub + s + Verein: two everyday words joined by a linking s; Lehrer + Urlaub: a field word and an everyday one.
        Assert.Equal("holiday club", translator.Translate("Urlaubsverein", "de")!.English);
        Assert.Equal("teacher holiday", translator.Translate("Lehrerurlaub", "de")!.English);
        // Each piece of a word is looked up, so a word of more than 40 letters is not read as a compound.
        Assert.Equal("holiday club holiday club", translator.Translate("Urlaubsvereinsurlaubsverein", "de")!.English);
        Assert.False(Assert.Single(translator.Translate("Urlaubsvereinsurlaubsvereinsurlaubsverein", "de")!.Concepts).Translated);
        // Without a reading that covers the whole word, the field's words inside it stand for it.
        Assert.Equal(["exit"], translator.Translate("Ausstiegsquatsch", "de")!.Concepts.Select(c => c.English[0]));
    }

    [Fact]
    public void TheDictionaries_AreReadOncePerProcess_ForEveryTranslatorOfTheSameLexicon()
    {
        WriteGerman();
        Assert.Contains(new QueryTranslator.GeneralDictionaryReport("de", 6, null), new QueryTranslator(Lexicon, new LanguageIdentifier(), _folder).LoadGeneral());
        foreach (var file in Directory.GetFiles(_folder)) File.Delete(file);

        // A second host of the same process (the test run starts dozens) does not read the files again.
        var second = new QueryTranslator(Lexicon, new LanguageIdentifier(), _folder);
        Assert.Equal(["holiday", "vacation"], Concept(second.Translate("Urlaub", "de")!, "Urlaub").English);
        // Another lexicon reads for itself: the field's words decide which everyday words are kept.
        var other = BilingualLexicon.FromEntries(new Dictionary<string, IReadOnlyList<BilingualLexicon.Entry>> { ["de"] = [new("urlaub", ["leave"])] });
        Assert.Contains(new QueryTranslator.GeneralDictionaryReport("de", 0, null), new QueryTranslator(other, new LanguageIdentifier(), _folder).LoadGeneral());
    }

    [Fact]
    public void Translate_WithoutADictionary_LeavesEverydayWordsAsTyped()
    {
        var question = new QueryTranslator(Lexicon, new LanguageIdentifier()).Translate("Ein Lehrer im Urlaub", "de")!;

        Assert.False(Concept(question, "Urlaub").Translated);
        Assert.Equal("teacher Urlaub", question.English);
    }

    [Fact]
    public void ADamagedDictionary_IsReported_AndTheFieldLexiconStillTranslates()
    {
        WriteGerman(truncate: true);
        File.WriteAllBytes(Path.Combine(_folder, "freedict-deu-eng.dict.dz"),
            File.ReadAllBytes(Path.Combine(_folder, "freedict-deu-eng.dict.dz"))[..40]);
        var translator = new QueryTranslator(Lexicon, new LanguageIdentifier(), _folder);

        var question = translator.Translate("Ein Lehrer im Urlaub", "de")!;

        Assert.Equal(["teacher"], Concept(question, "Lehrer").English);
        Assert.False(Concept(question, "Urlaub").Translated);
        var german = Assert.Single(translator.LoadGeneral(), r => r.Language == "de");
        Assert.Equal(0, german.Words);
        Assert.NotNull(german.Error);
    }

    [InstalledFreeDictFact]
    public void TheInstalledDictionaries_CarryEverydayWordsOfAllThreeLanguages()
    {
        var translator = new QueryTranslator(BilingualLexicon.Load(Path.Combine(RepoPaths.Root, "index", "lexicon")), new LanguageIdentifier(),
            KnowledgeOptions.DebianDictionaries);

        // Words of everyday life that the field lexicon does not carry.
        Assert.Contains("fridge", Concept(translator.Translate("Im Kühlschrank der Jugendgruppe", "de")!, "Kühlschrank").English);
        Assert.Contains("suspicious", Concept(translator.Translate("Un jeune très méfiant", "fr")!, "méfiant").English);
        Assert.Contains("umbrella", Concept(translator.Translate("Een paraplu in de klas", "nl")!, "paraplu").English);
        Assert.All(translator.LoadGeneral(), r => Assert.True(r.Words > 1000 && r.Error is null, $"{r.Language}: {r.Words} words, {r.Error}"));
    }

    private static QueryConcept Concept(TranslatedQuestion question, string surface) =>
        Assert.Single(question.Concepts, c => c.Surface == surface);
}
