using Lucene.Net.Analysis.Compound;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Nl;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Analysis;
using PractitionerBot.Knowledge.Index;

namespace PractitionerBot.Knowledge.Translation;

/// <summary>
/// French, German or Dutch analysis, for questions in those languages and for papers written in them: elisions removed
/// (l'école = école), stop words, compounds split into the lexicon's words (Radikalisierungsprävention = Radikalisierung
/// + Prävention, emitted at the compound's position), light stemming, then accents folded.
/// </summary>
public sealed class SourceLanguageAnalyzer(string language, CharArraySet compoundParts) : Analyzer
{
    private static readonly Lucene.Net.Util.LuceneVersion Version = PractitionerAnalyzer.Version;

    private static readonly CharArraySet Articles = new(Version,
        ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"], ignoreCase: true);

    /// <summary>Words every question has, on top of Lucene's stop lists.</summary>
    private static readonly Dictionary<string, string[]> QuestionWords = new()
    {
        ["fr"] = ["comment", "quoi", "quel", "quelle", "quels", "quelles", "pourquoi", "quand", "où", "est-ce", "faire", "fais", "fait",
            "peux", "peut", "pouvons", "pouvez", "peuvent", "dois", "doit", "devons", "devez", "doivent", "faut", "veux", "voudrais",
            "bonjour", "merci", "svp", "quelqu'un", "chose", "choses", "aussi", "très", "plus", "tout", "tous", "toute", "toutes", "avoir", "être"],
        ["de"] = ["wie", "was", "welche", "welcher", "welches", "warum", "wann", "wo", "wer", "kann", "kannst", "können", "könnt", "soll",
            "sollte", "sollten", "muss", "müssen", "darf", "dürfen", "möchte", "will", "wollen", "gibt", "geben", "hallo", "danke", "bitte",
            "jemand", "etwas", "sehr", "auch", "mehr", "alle", "machen", "mache", "macht", "tun", "gut", "gute", "guten", "eigentlich", "mal"],
        ["nl"] = ["hoe", "wat", "welke", "welk", "waarom", "wanneer", "waar", "wie", "kan", "kun", "kunt", "kunnen", "moet", "moeten",
            "mag", "mogen", "wil", "willen", "zou", "zouden", "hallo", "bedankt", "dank", "alsjeblieft", "iemand", "iets", "heel", "ook",
            "meer", "alle", "doen", "doe", "goed", "goede", "eigenlijk", "even", "graag"],
    };

    private static readonly Dictionary<string, CharArraySet> StopWords = new()
    {
        ["fr"] = PractitionerAnalyzer.StopSet(FrenchAnalyzer.DefaultStopSet, QuestionWords["fr"]),
        ["de"] = PractitionerAnalyzer.StopSet(GermanAnalyzer.DefaultStopSet,
            [.. QuestionWords["de"], .. GermanAnalyzer.DefaultStopSet.Concat(QuestionWords["de"]).Select(Transliterated)]),
        ["nl"] = PractitionerAnalyzer.StopSet(DutchAnalyzer.DefaultStopSet, QuestionWords["nl"]),
    };

    /// <summary>A German word as typed without umlauts (für: fuer, daß: dass).</summary>
    public static string Transliterated(string word) =>
        word.Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
            .Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal);

    public string Language { get; } = BilingualLexicon.SourceLanguages.Contains(language)
        ? language : throw new ArgumentOutOfRangeException(nameof(language), language, "fr, de or nl");

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader) { MaxTokenLength = 60 };
        TokenStream stream = new ElisionFilter(source, Articles);
        stream = new LowerCaseFilter(Version, stream);
        stream = new StopFilter(Version, stream, StopWords[Language]);
        if (Language != "fr" && compoundParts.Count > 0)
            stream = new DictionaryCompoundWordTokenFilter(Version, stream, compoundParts, minWordSize: 8, minSubwordSize: 4, maxSubwordSize: 25, onlyLongestMatch: true);
        stream = Language switch
        {
            "fr" => new FrenchLightStemFilter(stream),
            "de" => new GermanLightStemFilter(new GermanNormalizationFilter(stream)),
            _ => new SnowballFilter(stream, new Lucene.Net.Tartarus.Snowball.Ext.DutchStemmer()),
        };
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}
