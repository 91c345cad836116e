using System.Security;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DocumentFormat.OpenXml;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Model;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Knowledge.Pdf;

/// <summary>
/// The checks made on PDFs, where they apply to Word and HTML: the paper's headings as sections, its
/// text whole with ligatures and odd spaces folded, tables kept as rows (hyphenation and running
/// lines do not arise: both formats keep words and page furniture apart).
/// </summary>
public sealed class DocxHtmlLayoutTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly CorpusLoader _loader = new(new HashSet<string> { "local" });
    private readonly RanPaper _paper = RanPapers.Liaison(rotaParagraphs: 3);

    /// <summary>What a PDF export often leaves in the text: a ligature and a no-break space.</summary>
    private static string Odd(string text) => text.Replace("officer", "o\uFB03cer").Replace("the community", "the\u00A0community");

    [Fact]
    public void Docx_PaperReadsAsWritten()
    {
        using (var doc = WordprocessingDocument.Create(_dir.File("paper.docx"), WordprocessingDocumentType.Document))
        {
            var body = new Body(Styled(_paper.Title, "Title"));
            foreach (var block in _paper.Blocks)
                body.Append(block switch
                {
                    PaperHeading h => Styled(h.Text, "Heading" + h.Level),
                    PaperParagraph p => new Paragraph(new Run(new Text(Odd(p.Plain)))),
                    PaperTable t => new Table(t.Rows.Select(r => new TableRow(r.Select(c => new TableCell(new Paragraph(new Run(new Text(c))))))).ToArray()),
                    _ => throw new ArgumentOutOfRangeException(nameof(block)),
                });
            doc.AddMainDocumentPart().Document = new Document(body);
        }
        ReadsAsWritten(Assert.Single(_loader.Load(_dir.File("paper.docx")).Documents));
    }

    [Fact]
    public void Html_PaperReadsAsWritten()
    {
        var html = $"<html><head><title>{_paper.Title}</title></head><body><header>{_paper.RunningHeader}</header>"
            + string.Concat(_paper.Blocks.Select(block => block switch
            {
                PaperHeading h => $"<h{h.Level + 1}>{h.Text}</h{h.Level + 1}>",
                PaperParagraph p => $"<p>{SecurityElement.Escape(Odd(p.Plain))}</p>",
                PaperTable t => "<table>" + string.Concat(t.Rows.Select((r, i) => "<tr>" + string.Concat(r.Select(c => i == 0 ? $"<th>{c}</th>" : $"<td><p>{c}</p></td>")) + "</tr>")) + "</table>",
                _ => throw new ArgumentOutOfRangeException(nameof(block)),
            })) + "<footer>Page 1</footer></body></html>";
        File.WriteAllText(_dir.File("paper.html"), html);
        ReadsAsWritten(Assert.Single(_loader.Load(_dir.File("paper.html")).Documents));
    }

    private void ReadsAsWritten(CorpusDocument doc)
    {
        Assert.Equal(_paper.Title, doc.Title);
        Assert.Equal(_paper.Blocks.OfType<PaperHeading>().Select(h => h.Text), doc.Sections.Select(s => s.Heading));
        Assert.Equal(string.Join("\n\n", _paper.Paragraphs(RanPapers.RotaHeading)), doc.Sections.Single(s => s.Heading == RanPapers.RotaHeading).Text);
        Assert.Contains("Partner | Days on the rota | Hours per week\nYouth work | Monday and Thursday | 6", doc.Sections.Single(s => s.Heading.StartsWith("2.2", StringComparison.Ordinal)).Text);
        Assert.DoesNotContain(doc.Sections, s => s.Text.Contains(_paper.RunningHeader, StringComparison.Ordinal));
    }

    private static Paragraph Styled(string text, string style) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text)));

    public void Dispose() => _dir.Dispose();
}
