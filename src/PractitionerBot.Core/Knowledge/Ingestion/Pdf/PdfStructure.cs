using System.Text.RegularExpressions;
using PractitionerBot.Knowledge.Model;

namespace PractitionerBot.Knowledge.Ingestion.Pdf;

/// <summary>
/// Turns the lines of a PDF, in reading order and without running headers and footers, into
/// sections: a heading is a short line set larger than the body text (its most common size), or a
/// numbered one ("2.1 Rota") set in bold, larger, or alone in its block. Sections and paragraphs run
/// on over column and page breaks; a paragraph ends at a sentence end followed by a new block, an
/// indented or bulleted line, or a short last line. The cover's largest text is offered as the title.
/// </summary>
internal static partial class PdfStructure
{
    public sealed record Result(string? CoverTitle, IReadOnlyList<DocumentSection> Sections);

    private sealed record Paragraph(List<PdfLine> Lines);

    public static Result Read(IReadOnlyList<IReadOnlyList<PdfLine>> pages)
    {
        var lines = pages.SelectMany(p => p).ToList();
        var body = BodySize(lines);
        var cover = CoverTitle(pages.Count > 0 ? pages[0] : [], body);
        var content = lines.Where(l => !cover.Contains(l)).ToList();
        var joiner = new LineJoiner(content.Where(l => !l.TableRow).Select(l => l.Text));
        var blocks = content.GroupBy(l => (l.Page, l.Block)).ToDictionary(g => g.Key, g => (Left: g.Min(l => l.Left), Right: g.Max(l => l.Right)));

        var sections = new List<DocumentSection>();
        var heading = "Overview";
        var paragraphs = new List<Paragraph>();
        PdfLine? previous = null;
        var previousWasHeading = false;
        var lead = new HashSet<PdfLine>();
        for (var i = 0; i < content.Count; i++)
        {
            var line = content[i];
            var next = i + 1 < content.Count ? content[i + 1] : null;
            // Beside its title, a cover's larger type (subtitle, series) is text of the overview, not a heading.
            if (!lead.Contains(line) && IsHeading(line, previous, next, previousWasHeading, body)
                && !(cover.Count > 0 && line.Page == cover[0].Page && !Numbered().IsMatch(line.Text)))
            {
                if (!Numbered().IsMatch(line.Text) && LeadParagraph(content, i) is { Count: > 0 } run) lead.UnionWith(run);
                else
                {
                    if (previousWasHeading && ContinuesHeading(previous!, line)) heading += " " + line.Text;
                    else
                    {
                        Flush();
                        heading = line.Text;
                    }
                    previous = line;
                    previousWasHeading = true;
                    continue;
                }
            }
            var last = paragraphs.Count > 0 ? paragraphs[^1].Lines[^1] : null;
            if (last is null || previousWasHeading || StartsParagraph(last, line, blocks[(last.Page, last.Block)], blocks[(line.Page, line.Block)])) paragraphs.Add(new Paragraph([]));
            paragraphs[^1].Lines.Add(line);
            previous = line;
            previousWasHeading = false;
        }
        Flush();
        return new Result(cover.Count == 0 ? null : joiner.Join(cover.Select(l => l.Text)), sections);

        void Flush()
        {
            if (paragraphs.Count > 0)
            {
                var texts = paragraphs.Select(p => p.Lines[0].TableRow ? string.Join('\n', p.Lines.Select(l => l.Text)) : joiner.Join(p.Lines.Select(l => l.Text))).ToList();
                var ranges = paragraphs.Select(p => new PageRange(p.Lines[0].Page, p.Lines[^1].Page)).ToList();
                sections.Add(new DocumentSection(heading, string.Join("\n\n", texts), ranges[0].First)
                {
                    LastPage = ranges.Max(r => r.Last),
                    ParagraphPages = ranges,
                });
            }
            paragraphs = [];
        }
    }

    /// <summary>The size most of the words are set in.</summary>
    private static double BodySize(List<PdfLine> lines) =>
        lines.Where(l => !l.TableRow).GroupBy(l => l.Size).Select(g => (Size: g.Key, Words: g.Sum(l => l.WordCount))).DefaultIfEmpty().MaxBy(g => g.Words).Size;

    /// <summary>The largest text of the first page, when it stands out from the body text.</summary>
    private static List<PdfLine> CoverTitle(IReadOnlyList<PdfLine> first, double body)
    {
        var candidates = first.Where(l => !l.TableRow && l.WordCount > 0).ToList();
        if (candidates.Count == 0) return [];
        var largest = candidates.Max(l => l.Size);
        if (largest < body * 1.3) return [];
        return candidates.SkipWhile(l => l.Size < largest - 0.5).TakeWhile(l => l.Size >= largest - 0.5).Take(4).ToList();
    }

    private static bool IsHeading(PdfLine line, PdfLine? previous, PdfLine? next, bool previousWasHeading, double body)
    {
        if (line.TableRow || line.WordCount is 0 or > 18 || line.Size < body * 0.95 || !line.Text.Any(char.IsLetter)) return false;
        if (line.Text[^1] is ',' or ';' || Bullet().IsMatch(line.Text)) return false;
        var sentence = line.Text[^1] == '.';
        var startsBlock = previous is null || previousWasHeading || previous.Page != line.Page || previous.Block != line.Block;
        var endsBlock = next is null || next.Page != line.Page || next.Block != line.Block;
        var numbered = Numbered().Match(line.Text);
        if (line.Size >= body * 1.15) return !sentence || line.WordCount <= 6;
        if (numbered.Success && (line.Bold || line.Size > body * 1.05)) return true;
        if (line.Bold && startsBlock && line.WordCount <= 12 && !sentence && (next is null || !next.Bold || endsBlock)) return true;
        // Numbering alone: "2.1 Rota" or "3 Results" (not "1. Involve families.", a numbered list).
        return numbered.Success && startsBlock && endsBlock && line.WordCount <= 12 && !sentence
            && (numbered.Groups["sub"].Success || !numbered.Groups["dot"].Success);
    }

    /// <summary>The lines from <paramref name="start"/> set like it, when they hold more words than a heading would: a lead paragraph in larger type.</summary>
    private static List<PdfLine> LeadParagraph(List<PdfLine> lines, int start)
    {
        var run = new List<PdfLine> { lines[start] };
        for (var j = start + 1; j < lines.Count && !Numbered().IsMatch(lines[j].Text) && Math.Abs(lines[j].Size - lines[start].Size) < 0.5
             && lines[j].Bold == lines[start].Bold && lines[j].Page == lines[start].Page && run[^1].Bottom - lines[j].Top < lines[j].Size * 1.2; j++)
            run.Add(lines[j]);
        return run.Sum(l => l.WordCount) > 24 ? run : [];
    }

    private static bool ContinuesHeading(PdfLine heading, PdfLine line) =>
        !Numbered().IsMatch(line.Text) && Math.Abs(heading.Size - line.Size) < 0.5 && heading.Bold == line.Bold
        && heading.Page == line.Page && heading.Bottom - line.Top < line.Size * 1.2;

    private static bool StartsParagraph(PdfLine last, PdfLine line, (double Left, double Right) lastBlock, (double Left, double Right) block)
    {
        if (last.TableRow != line.TableRow) return true;
        if (line.TableRow) return last.Block != line.Block;
        if (Bullet().IsMatch(line.Text)) return true;
        if (!EndsSentence(last.Text) || char.IsLower(line.Text[0])) return false;
        var shortLast = last.Right < lastBlock.Right - Math.Max(line.Size * 3, (lastBlock.Right - lastBlock.Left) * 0.15);
        if (last.Page == line.Page && last.Block != line.Block && line.Top < last.Bottom && line.Left < lastBlock.Right && line.Right > lastBlock.Left)
            return true; // the next block down the same column: the segmenter saw the paragraph spacing
        // A sentence that ends a full line at the foot of a column may go on at the top of the next one: keep them together.
        if (last.Page != line.Page || last.Block != line.Block) return shortLast;
        return shortLast || line.Left > block.Left + line.Size * 0.8;
    }

    private static bool EndsSentence(string text) => text.TrimEnd('"', '\'', ')', '”', '’') is { Length: > 0 } t && t[^1] is '.' or '!' or '?' or ':';

    [GeneratedRegex(@"^(?<num>\d{1,2}(?<sub>\.\d{1,2}){0,3}(?<dot>\.)?|[IVX]{1,4}\.|[A-H]\.)\s+\p{Lu}")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^[•▪◦●■–—\-\*]\s")]
    private static partial Regex Bullet();
}
