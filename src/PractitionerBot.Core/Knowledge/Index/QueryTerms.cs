using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace PractitionerBot.Knowledge.Index;

/// <summary>
/// Turns any text into analysed terms. Nothing the user types is parsed as query syntax, so quotes,
/// brackets, AND/OR, * and ~ are just characters, and no input can make a search fail.
/// </summary>
internal static class QueryTerms
{
    /// <summary>Questions longer than this are cut before analysis; the rest adds cost, not meaning.</summary>
    public const int MaxAnalysedChars = 4_000;

    public static List<string> Analyze(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return terms;
        if (text.Length > MaxAnalysedChars) text = text[..MaxAnalysedChars];
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    /// <summary>Term occurrences with their character offsets, for highlighting.</summary>
    public static List<(string Term, int Start, int End)> WithOffsets(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<(string, int, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        stream.End();
        return tokens;
    }

    /// <summary>Edit distance with an early exit, for matching misspelt terms.</summary>
    public static bool WithinEdits(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return false;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > max) return false;
            (previous, current) = (current, previous);
        }
        return previous[b.Length] <= max;
    }
}
