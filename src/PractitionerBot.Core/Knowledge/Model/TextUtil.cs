using System.Text;

namespace PractitionerBot.Knowledge.Model;

public static class TextUtil
{
    public static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord) count++;
            inWord = letter;
        }
        return count;
    }

    /// <summary>Collapses runs of white space to single spaces and drops control characters.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// <see cref="Normalize"/> after Unicode NFKC, for text taken from PDF, Word and HTML files: ligatures
    /// ("ﬁ"), no-break and other odd spaces, full-width letters become what a reader types.
    /// </summary>
    public static string NormalizeCompatibility(string text) => Normalize(text.Normalize(NormalizationForm.FormKC));

    /// <summary>Makes a stable, URL-safe id from a file name or title.</summary>
    public static string Slug(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1).TrimEnd(), "…");
}
