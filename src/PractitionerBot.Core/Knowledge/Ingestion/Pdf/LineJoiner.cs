using System.Text.RegularExpressions;

namespace PractitionerBot.Knowledge.Ingestion.Pdf;

/// <summary>
/// Joins the lines of a paragraph. A word hyphenated at a line end ("commu-" / "nity") is joined
/// when the joined word occurs elsewhere in the document, or when its halves are not both words of
/// it; a compound whose halves are words ("officer-" / "led") keeps its hyphen, as does one written
/// with a hyphen elsewhere in the document and one whose second half starts with a capital.
/// </summary>
internal sealed partial class LineJoiner
{
    private static readonly char[] Hyphens = ['-', '\u2010', '\u2011', '\u00AD'];
    private readonly HashSet<string> _words = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="lines">Every line of the document in reading order, to learn its words from.</param>
    public LineJoiner(IEnumerable<string> lines)
    {
        var previousHyphenated = false;
        foreach (var line in lines)
        {
            var tokens = Word().Matches(line).Select(m => m.Value).ToList();
            var hyphenated = EndsHyphenated(line);
            // The halves of a word cut at a line end are not words of the document.
            for (var i = previousHyphenated ? 1 : 0; i < tokens.Count - (hyphenated ? 1 : 0); i++)
            {
                _words.Add(tokens[i]);
                foreach (var part in tokens[i].Split('-')) _words.Add(part);
            }
            previousHyphenated = hyphenated;
        }
    }

    public string Join(IEnumerable<string> lines)
    {
        var text = "";
        foreach (var line in lines)
        {
            if (text.Length == 0) text = line;
            else if (EndsHyphenated(text) && line.Length > 0 && char.IsLetter(line[0])) text = JoinHyphenated(text, line);
            else text += " " + line;
        }
        return text;
    }

    private string JoinHyphenated(string text, string next)
    {
        var hyphen = text[^1];
        var head = text[..^1];
        var first = TrailingWord().Match(head).Value;
        var second = Word().Match(next).Value;
        if (hyphen == '\u00AD' || JoinsAsOneWord(first, second)) return head + next;
        return head + "-" + next;
    }

    private bool JoinsAsOneWord(string first, string second)
    {
        if (char.IsUpper(second[0])) return false;
        if (_words.Contains(first + second)) return true;
        if (_words.Contains(first + "-" + second)) return false;
        return !(first.Length > 1 && _words.Contains(first) && _words.Contains(second));
    }

    private static bool EndsHyphenated(string line) =>
        line.Length > 2 && Hyphens.Contains(line[^1]) && char.IsLetter(line[^2]);

    [GeneratedRegex(@"\p{L}+(-\p{L}+)*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\p{L}+$")]
    private static partial Regex TrailingWord();
}
