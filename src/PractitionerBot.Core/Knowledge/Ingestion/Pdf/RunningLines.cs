using System.Text.RegularExpressions;

namespace PractitionerBot.Knowledge.Ingestion.Pdf;

/// <summary>
/// Running headers and footers: a line among the two top or two bottom lines of a page that comes
/// back at the same edge and height on at least two pages and two in five of them, numbers ignored (so "Page
/// 3 of 9" matches "Page 4 of 9"), and bare page numbers at either edge. Lines are compared rather
/// than PdfPig's decoration blocks because a segmenter may glue a header to the text below it.
/// </summary>
internal static partial class RunningLines
{
    private const int EdgeLines = 2;

    public static IReadOnlyList<IReadOnlyList<PdfLine>> Remove(IReadOnlyList<IReadOnlyList<PdfLine>> pages)
    {
        var edges = pages.Select(Edges).ToList();
        var counts = edges.SelectMany(e => e.Select(Key).Distinct())
            .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var withText = pages.Count(p => p.Count > 0);
        var needed = Math.Max(2, (int)Math.Ceiling(withText * 0.4));
        return pages.Select((lines, i) =>
        {
            var running = edges[i].Where(e => counts[Key(e)] >= needed || PageNumber().IsMatch(e.Line.Text))
                .Select(e => e.Line).ToHashSet();
            return (IReadOnlyList<PdfLine>)lines.Where(l => !running.Contains(l)).ToList();
        }).ToList();
    }

    private static List<(bool Top, PdfLine Line)> Edges(IReadOnlyList<PdfLine> lines) =>
    [
        .. lines.Where(l => !l.TableRow).OrderByDescending(l => l.Top).Take(EdgeLines).Select(l => (true, l)),
        .. lines.Where(l => !l.TableRow).OrderBy(l => l.Bottom).Take(EdgeLines).Select(l => (false, l)),
    ];

    /// <summary>The same text at the same edge and height (numbers aside): body text that repeats a sentence is not at the same height.</summary>
    private static (bool, string, double) Key((bool Top, PdfLine Line) edge) =>
        (edge.Top, Digits().Replace(edge.Line.Text.ToLowerInvariant(), "#"), Math.Round((edge.Top ? edge.Line.Top : edge.Line.Bottom) / 4));

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^\W*((page|p\.|seite|pagina)\s*)?(\d+|[ivxlcdm]+)(\s*(/|of|sur|von|van)\s*\d+)?\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();
}
