using PractitionerBot.Knowledge.Model;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.DocumentLayoutAnalysis;

namespace PractitionerBot.Knowledge.Ingestion.Pdf;

/// <summary>A line of a page as a reader sees it: its text, where it is, and how it is set.</summary>
public sealed record PdfLine(int Page, int Block, string Text, double Size, bool Bold, double Left, double Right, double Top, double Bottom, bool TableRow = false)
{
    public int WordCount => TextUtil.CountWords(Text);
}

/// <summary>
/// One page in reading order, with PdfPig's layout analysis: words by nearest neighbour, paragraphs
/// by Docstrum. A page whose columns are separated by a gutter is read column by column (Docstrum
/// alone may read a justified line across a narrow gutter); any other page is ordered by the
/// unsupervised reading-order detector. Rows of a table are taken out first and kept as rows.
/// </summary>
public static class PdfLayout
{
    private static readonly DocstrumBoundingBoxes Paragraphs = new(new DocstrumBoundingBoxes.DocstrumBoundingBoxesOptions { MaxDegreeOfParallelism = 1 });
    private static readonly UnsupervisedReadingOrderDetector Order = new(5, UnsupervisedReadingOrderDetector.SpatialReasoningRules.ColumnWise, useRenderingOrder: false);

    public static IReadOnlyList<PdfLine> Lines(Page page)
    {
        var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters)
            .Where(w => !string.IsNullOrWhiteSpace(w.Text) && w.TextOrientation == TextOrientation.Horizontal)
            .ToList();
        if (words.Count == 0) return [];

        var tables = Tables.Find(words);
        var tableWords = tables.SelectMany(t => t.SelectMany(r => r.SelectMany(c => c))).ToHashSet();
        var tableBlocks = tables.Select(t => new TextBlock(t.Select(r => new TextLine(r.SelectMany(c => c).ToList())).ToList())).ToList();
        var rows = tableBlocks.Zip(tables).ToDictionary(p => p.First, p => p.Second);
        var text = words.Where(w => !tableWords.Contains(w)).ToList();

        var lines = new List<PdfLine>();
        var ordered = Columns.Split(text) is { Count: > 1 } columns
            // Docstrum within each column, read down the column and the columns left to right.
            ? WithTables(columns.SelectMany(c => Paragraphs.GetBlocks(c).OrderByDescending(b => b.BoundingBox.Top)).ToList(), tableBlocks)
            : Order.Get([.. Paragraphs.GetBlocks(text), .. tableBlocks]).OrderBy(b => b.ReadingOrder);
        foreach (var (block, index) in ordered.Select((b, i) => (b, i)))
        {
            if (rows.TryGetValue(block, out var table))
            {
                foreach (var row in table)
                    lines.Add(Line(page.Number, index, string.Join(" | ", row.Select(c => Text(c))), row.SelectMany(c => c).ToList()) with { TableRow = true });
                continue;
            }
            foreach (var line in block.TextLines)
                lines.Add(Line(page.Number, index, Text(line.Words), line.Words));
        }
        return lines;
    }

    /// <summary>Tables run across the page: each goes before the first block below it.</summary>
    private static IEnumerable<TextBlock> WithTables(List<TextBlock> blocks, List<TextBlock> tables)
    {
        var pending = tables.OrderByDescending(t => t.BoundingBox.Top).ToList();
        foreach (var block in blocks)
        {
            while (pending.Count > 0 && pending[0].BoundingBox.Top >= block.BoundingBox.Top)
            {
                yield return pending[0];
                pending.RemoveAt(0);
            }
            yield return block;
        }
        foreach (var table in pending) yield return table;
    }

    private static PdfLine Line(int page, int block, string text, IReadOnlyList<Word> words)
    {
        var letters = words.SelectMany(w => w.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var size = letters.Count == 0 ? 0 : letters.GroupBy(l => Math.Round(l.PointSize * 2) / 2).MaxBy(g => g.Count())!.Key;
        var bold = letters.Count(IsBold) * 2 > letters.Count;
        return new PdfLine(page, block, text, size, bold,
            words.Min(w => w.BoundingBox.Left), words.Max(w => w.BoundingBox.Right),
            words.Max(w => w.BoundingBox.Top), words.Min(w => w.BoundingBox.Bottom));
    }

    private static bool IsBold(Letter letter) =>
        letter.FontDetails?.IsBold == true || (letter.FontDetails?.Weight ?? 0) >= 600
        || letter.FontName is { } name && (name.Contains("Bold", StringComparison.OrdinalIgnoreCase) || name.Contains("Black", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Heavy", StringComparison.OrdinalIgnoreCase) || name.Contains("Semibold", StringComparison.OrdinalIgnoreCase));

    /// <summary>Words left to right, with compatibility forms (ligatures, odd spaces, full-width letters) folded by NFKC.</summary>
    internal static string Text(IEnumerable<Word> words) =>
        TextUtil.NormalizeCompatibility(string.Join(' ', words.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)));
}
