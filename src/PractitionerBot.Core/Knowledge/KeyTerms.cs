using System.Text.RegularExpressions;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis;
using PractitionerBot.Knowledge.Index;

namespace PractitionerBot.Knowledge;

/// <summary>
/// The words of a question that say what it is about, for insights: e-mail addresses, web addresses, phone and other
/// long numbers, handles and likely names (a capitalised word inside a sentence, the asker's own name) are removed
/// before analysis; then stop words go, and what is left is lower-cased, accent-folded and not stemmed (so a person can read it).
/// </summary>
public static partial class KeyTerms
{
    public const int Max = 8;

    private static readonly Analyzer Words = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(PractitionerAnalyzer.Version, reader) { MaxTokenLength = 40 };
        TokenStream stream = new EnglishPossessiveFilter(PractitionerAnalyzer.Version, source);
        stream = new LowerCaseFilter(PractitionerAnalyzer.Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(PractitionerAnalyzer.Version, stream, PractitionerAnalyzer.StopWords);
        return new TokenStreamComponents(source, stream);
    });

    /// <summary>Up to <see cref="Max"/> distinct terms, sorted, so that two wordings of one question give one topic.</summary>
    public static IReadOnlyList<string> Of(string question, string? askerName = null)
    {
        var text = question.Length > QueryTerms.MaxAnalysedChars ? question[..QueryTerms.MaxAnalysedChars] : question;
        text = Email().Replace(text, " ");
        text = WebAddress().Replace(text, " ");
        text = Handle().Replace(text, " ");
        text = LongNumber().Replace(text, " ");
        text = NameInSentence().Replace(text, " ");
        var name = new HashSet<string>(QueryTerms.Analyze(Words, "text", askerName ?? ""));
        return QueryTerms.Analyze(Words, "text", text)
            .Where(t => t.Length >= 3 && !t.Any(char.IsDigit) && !name.Contains(t))
            .Distinct().Take(Max).Order(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"[\w.+\-]+@[\w\-]+(\.[\w\-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"(https?://|www\.)\S+", RegexOptions.IgnoreCase)]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"(?<!\w)@\w+")]
    private static partial Regex Handle();

    // Phone numbers in any common layout, and any other run of digits long enough to identify someone (case or ID numbers).
    [GeneratedRegex(@"\+?\d[\d\s().\-/]{4,}\d|\d{4,}")]
    private static partial Regex LongNumber();

    // A capitalised word that does not start a sentence is most likely a name (of a person, a place, a school); acronyms stay.
    [GeneratedRegex(@"(?<=[^.!?\s][,;:]?\s+)\b\p{Lu}(?=[\w'’\-]*\p{Ll})[\w'’\-]+")]
    private static partial Regex NameInSentence();
}
