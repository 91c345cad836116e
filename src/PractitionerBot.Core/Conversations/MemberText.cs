using System.Text;

namespace PractitionerBot.Conversations;

/// <summary>
/// Text a member wrote (peer questions and answers, names, echoed input) on its way into a card or a reply,
/// which Teams and Web Chat render as Markdown: it must show as the member typed it, never as formatting,
/// links or headings under the bot's name.
/// </summary>
public static class MemberText
{
    /// <summary>
    /// Removes characters that change how text reads without being seen: bidirectional overrides, embeddings,
    /// isolates and marks (a right-to-left override turns "exe.pdf" into "fdp.exe"), zero-width characters
    /// (they hide words from a reader's eye and split URLs), and control characters other than line breaks and tabs.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsInvisible(text[i]))
            {
                sb?.Append(text[i]);
                continue;
            }
            sb ??= new StringBuilder(text.Length).Append(text, 0, i);
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>
    /// <see cref="Clean"/>, then every Markdown character escaped with a backslash (CommonMark, as the Adaptive Cards
    /// renderers and Web Chat read it): no emphasis, links, images, code, headings, lists or quotes can come from
    /// member text. A bare URL stays as written: clients may make it clickable, but its whole target is on show.
    /// </summary>
    public static string Escape(string? text)
    {
        var clean = Clean(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var sb = new StringBuilder(clean.Length + 16);
        var lineStart = true;
        for (var i = 0; i < clean.Length; i++)
        {
            var c = clean[i];
            if (c == '\n')
            {
                sb.Append(c);
                lineStart = true;
                continue;
            }
            if (lineStart && c is ' ' or '\t')
            {
                // Indentation would make a code block: keep the words, not the indent.
                continue;
            }
            if (lineStart && char.IsAsciiDigit(c))
            {
                // "1." or "1)" at a line start would start a numbered list.
                var end = i;
                while (end < clean.Length && char.IsAsciiDigit(clean[end])) end++;
                sb.Append(clean, i, end - i);
                if (end < clean.Length && clean[end] is '.' or ')')
                {
                    sb.Append('\\').Append(clean[end]);
                    end++;
                }
                i = end - 1;
                lineStart = false;
                continue;
            }
            if (Always(c) || (lineStart && AtLineStart(c))) sb.Append('\\');
            sb.Append(c);
            lineStart = false;
        }
        return sb.ToString();
    }

    /// <summary>Escaped, and cut to at most <paramref name="max"/> characters of the member's text (an ellipsis marks the cut).</summary>
    public static string Escape(string? text, int max)
    {
        var clean = Clean(text);
        return Escape(clean.Length <= max ? clean : clean[..Math.Max(0, max - 1)] + "…");
    }

    private static bool Always(char c) => c is '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '<' or '>' or '!' or '&' or '~' or '|' or '#';

    private static bool AtLineStart(char c) => c is '-' or '+' or '=';

    private static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u2060' or '\u2061' or '\u2062' or '\u2063' or '\u2064'
            or '\uFEFF' or '\u180E' or '\u061C' or '\u00AD'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069'
        || (char.IsControl(c) && c is not '\n' and not '\r' and not '\t');
}
