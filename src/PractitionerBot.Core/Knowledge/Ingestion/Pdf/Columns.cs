using UglyToad.PdfPig.Content;

namespace PractitionerBot.Knowledge.Ingestion.Pdf;

/// <summary>
/// Columns of a page: vertical strips that no word crosses (gutters), with at least a fifth of the
/// page's words on either side. A title or heading set across the columns closes the gutter, and the
/// page is then left to the reading-order detector.
/// </summary>
internal static class Columns
{
    public static List<List<Word>> Split(IReadOnlyList<Word> words)
    {
        if (words.Count < 20) return [words.ToList()];
        var minimum = Math.Max(4, words.Select(w => w.BoundingBox.Height).Order().ElementAt(words.Count / 2) * 0.6);
        var cuts = new List<double>();
        var right = double.MinValue;
        foreach (var word in words.OrderBy(w => w.BoundingBox.Left))
        {
            if (right > double.MinValue && word.BoundingBox.Left - right >= minimum) cuts.Add((right + word.BoundingBox.Left) / 2);
            right = Math.Max(right, word.BoundingBox.Right);
        }
        var columns = new List<List<Word>>();
        var bounds = cuts.Append(double.MaxValue).ToList();
        foreach (var group in words.GroupBy(w => bounds.FindIndex(b => w.BoundingBox.Left < b)).OrderBy(g => g.Key))
        {
            // A narrow strip of words (a margin note, a page number) joins the column before it.
            if (columns.Count > 0 && group.Count() * 5 < words.Count) columns[^1].AddRange(group);
            else columns.Add(group.ToList());
        }
        if (columns.Count > 1 && columns[0].Count * 5 < words.Count)
        {
            columns[1].AddRange(columns[0]);
            columns.RemoveAt(0);
        }
        return columns;
    }
}
