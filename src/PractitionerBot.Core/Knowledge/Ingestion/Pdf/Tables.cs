using UglyToad.PdfPig.Content;

namespace PractitionerBot.Knowledge.Ingestion.Pdf;

/// <summary>
/// Finds tables: two or more consecutive visual rows with at least three cells (runs of words
/// separated by gaps wider than a couple of characters) whose cells start at the same places (three of them at least).
/// Page segmenters cut a table into one block per column, which reads as a list of unrelated
/// words; taken out first, each row stays a row. Tables set inside one column of a multi-column page
/// are not recognised (their rows share the page's lines with the other column).
/// </summary>
internal static class Tables
{
    public static List<List<List<List<Word>>>> Find(IReadOnlyList<Word> words)
    {
        var tables = new List<List<List<List<Word>>>>();
        var current = new List<List<List<Word>>>();
        foreach (var row in Rows(words))
        {
            var cells = Cells(row);
            if (cells.Count >= 3 && (current.Count == 0 || Aligned(current[^1], cells)))
            {
                current.Add(cells);
                continue;
            }
            Close();
            if (cells.Count >= 3) current.Add(cells);
        }
        Close();
        return tables;

        void Close()
        {
            if (current.Count >= 2 && !LooksLikeTextColumns(current)) tables.Add(current);
            current = [];
        }
    }

    /// <summary>Words on the same baseline, top of the page first.</summary>
    private static IEnumerable<List<Word>> Rows(IReadOnlyList<Word> words)
    {
        var row = new List<Word>();
        foreach (var word in words.OrderByDescending(w => w.BoundingBox.Bottom))
        {
            if (row.Count > 0 && Math.Abs(row[0].BoundingBox.Bottom - word.BoundingBox.Bottom) > row[0].BoundingBox.Height * 0.5)
            {
                yield return row;
                row = [];
            }
            row.Add(word);
        }
        if (row.Count > 0) yield return row;
    }

    private static List<List<Word>> Cells(List<Word> row)
    {
        var cells = new List<List<Word>>();
        Word? previous = null;
        foreach (var word in row.OrderBy(w => w.BoundingBox.Left))
        {
            var gap = previous is null ? double.MaxValue : word.BoundingBox.Left - previous.BoundingBox.Right;
            if (gap > CharWidth(word) * 2.5) cells.Add([]);
            cells[^1].Add(word);
            previous = word;
        }
        return cells;
    }

    /// <summary>
    /// Lines of text in three or more columns line up like a table; but their cells hold many words, and
    /// justified lines end together, where a table's cells are short and end where their text ends.
    /// </summary>
    private static bool LooksLikeTextColumns(List<List<List<Word>>> rows)
    {
        var words = rows.SelectMany(r => r.Select(c => c.Count)).Order().ToList();
        if (words[words.Count / 2] > 4) return true;
        var cells = rows.Min(r => r.Count);
        return Enumerable.Range(0, cells - 1).All(k =>
        {
            var rights = rows.Select(r => r[k].Max(w => w.BoundingBox.Right)).ToList();
            return rights.Count(x => rights.Max() - x < 2) * 10 >= rows.Count * 6;
        });
    }

    private static double CharWidth(Word word) => Math.Max(1, word.BoundingBox.Width / Math.Max(1, word.Text.Length));

    private static bool Aligned(List<List<Word>> above, List<List<Word>> below)
    {
        var starts = above.Select(c => c[0].BoundingBox.Left).ToList();
        // Three shared starts: two columns of body text share two, and justified spacing adds random ones.
        return below.Count(c => starts.Any(s => Math.Abs(s - c[0].BoundingBox.Left) < 4)) >= 3;
    }
}
