using System.Text;
using PractitionerBot.Knowledge.Model;

namespace PractitionerBot.Knowledge;

/// <summary>Marks matched words in Markdown bold, and cuts a short snippet around the densest matches.</summary>
internal static class Highlighter
{
    public static string Mark(string text, IReadOnlyList<(int Start, int End)> marks)
    {
        if (marks.Count == 0) return text;
        var sb = new StringBuilder(text.Length + marks.Count * 4);
        var position = 0;
        foreach (var (start, end) in marks)
        {
            if (start < position || end > text.Length) continue;
            sb.Append(text, position, start - position).Append("**").Append(text, start, end - start).Append("**");
            position = end;
        }
        sb.Append(text, position, text.Length - position);
        return sb.ToString();
    }

    /// <summary>About <paramref name="words"/> words of plain text, starting near the best cluster of matches.</summary>
    public static string Snippet(string text, IReadOnlyList<(int Start, int End)> marks, int words)
    {
        var flat = text.Replace('\n', ' ');
        var spans = WordSpans(flat);
        if (spans.Count <= words) return TextUtil.Normalize(flat);

        var bestStart = 0;
        if (marks.Count > 0)
        {
            var bestCount = -1;
            for (var i = 0; i + words <= spans.Count; i++)
            {
                var from = spans[i].Start;
                var to = spans[i + words - 1].End;
                var count = marks.Count(m => m.Start >= from && m.End <= to);
                if (count > bestCount) (bestCount, bestStart) = (count, i);
            }
            // Start a few words before the first match so the snippet reads as a sentence.
            bestStart = Math.Max(0, bestStart - 3);
        }
        var end = Math.Min(spans.Count, bestStart + words);
        var snippet = flat[spans[bestStart].Start..spans[end - 1].End];
        return (bestStart > 0 ? "…" : "") + TextUtil.Normalize(snippet) + (end < spans.Count ? "…" : "");
    }

    private static List<(int Start, int End)> WordSpans(string text)
    {
        var spans = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var space = i == text.Length || char.IsWhiteSpace(text[i]);
            if (!space && start < 0) start = i;
            else if (space && start >= 0)
            {
                spans.Add((start, i));
                start = -1;
            }
        }
        return spans;
    }
}
