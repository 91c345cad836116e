using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace PractitionerBot.Knowledge.Index;

/// <summary>
/// English analysis for papers and questions alike: standard tokens, possessives removed, accents
/// folded (Düsseldorf = Dusseldorf), stop words (Lucene's list plus the words every question
/// has, such as "how" and "should"), then Porter stemming.
/// </summary>
public sealed class PractitionerAnalyzer : Analyzer
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly string[] QuestionWords =
    [
        "how", "what", "which", "who", "whom", "when", "where", "why", "do", "does", "did", "can", "could",
        "should", "would", "shall", "may", "might", "must", "i", "me", "my", "we", "our", "us", "you", "your",
        "am", "been", "being", "has", "have", "had", "having", "from", "about", "any", "some", "there", "here",
        "so", "than", "too", "very", "just", "also", "get", "got", "want", "need", "know", "tell", "please",
        "hi", "hello", "thanks", "thank", "anyone", "someone", "something", "thing", "things", "way", "ways",
        "its", "it's", "im", "i'm", "ive", "i've", "dont", "don't", "he", "she", "his", "her", "them", "him",
        "were", "would", "while", "all", "more", "most", "other", "only", "own", "same", "each", "out", "up",
    ];

    public static readonly CharArraySet StopWords = StopSet(EnglishAnalyzer.DefaultStopSet, QuestionWords);

    /// <summary>Lucene's stop words for a language and the bot's own (question words), case-insensitive and read-only.</summary>
    internal static CharArraySet StopSet(CharArraySet lucene, string[] extra)
    {
        var set = new CharArraySet(Version, lucene.Count + extra.Length, ignoreCase: true);
        foreach (var word in lucene) set.Add(word);
        foreach (var word in extra) set.Add(word);
        return set.AsReadOnly();
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader) { MaxTokenLength = 60 };
        TokenStream stream = new EnglishPossessiveFilter(Version, source);
        stream = new LowerCaseFilter(Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(Version, stream, StopWords);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}
