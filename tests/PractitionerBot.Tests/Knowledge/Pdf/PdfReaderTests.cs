using PractitionerBot.Knowledge.Index;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Model;
using PractitionerBot.Knowledge;
using PractitionerBot.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace PractitionerBot.Tests.Knowledge.Pdf;

/// <summary>PDFs laid out like RAN papers, generated here in several styles, read the way a reader sees them.</summary>
public sealed class PdfReaderTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly CorpusLoader _loader = new(new HashSet<string> { "local" });

    public static TheoryData<string> Styles() => new(PaperStyle.All.Select(s => s.Name));

    private static PaperStyle Style(string name) => PaperStyle.All.Single(s => s.Name == name);

    private CorpusDocument Load(string file, byte[] pdf)
    {
        File.WriteAllBytes(_dir.File(file), pdf);
        var result = _loader.Load(_dir.File(file));
        Assert.Empty(result.Skipped);
        return Assert.Single(result.Documents);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public void Read_PaperInAnyStyle_HasItsHeadingsAsSectionsWithTheirWholeText(string styleName)
    {
        var paper = RanPapers.Liaison();
        var pdf = PaperPdfWriter.Write(paper, Style(styleName));
        Assert.Contains("commu-", RawWords(pdf)); // the fixture does hyphenate the word at a line end

        var doc = Load("paper.pdf", pdf);

        ReadsAsWritten(paper, doc);
    }

    /// <summary>Title from the cover, the paper's headings as sections, the long section word for word over its page break, no running lines, table rows.</summary>
    internal static void ReadsAsWritten(RanPaper paper, CorpusDocument doc)
    {
        Assert.Equal(paper.Title, doc.Title);
        Assert.Equal(["1 Introduction", "2 Working with the police", RanPapers.RotaHeading, "2.2 Sharing information safely", "3 Lessons learned"],
            doc.Sections.Select(s => s.Heading).Where(h => h != "Overview"));
        Assert.Contains("Ex post paper", doc.Sections[0].Text); // the cover's subtitle is text, not a heading
        var rota = doc.Sections.Single(s => s.Heading == RanPapers.RotaHeading);
        // Word for word; where a paragraph ends exactly at the foot of a column, a reader cannot tell either, so breaks are not compared.
        Assert.Equal(string.Join(" ", paper.Paragraphs(RanPapers.RotaHeading)), TextUtil.Normalize(rota.Text));
        Assert.InRange(rota.Text.Split("\n\n").Length, paper.Paragraphs(RanPapers.RotaHeading).Count - 3, paper.Paragraphs(RanPapers.RotaHeading).Count);
        Assert.True(rota.LastPage > rota.Page, $"the rota section runs from page {rota.Page} to {rota.LastPage}");
        Assert.Equal(string.Join(" ", paper.Paragraphs("1 Introduction")), TextUtil.Normalize(doc.Sections.Single(s => s.Heading == "1 Introduction").Text));
        var all = string.Join("\n", doc.Sections.Select(s => s.Text));
        Assert.DoesNotContain(paper.RunningHeader, all);
        Assert.DoesNotContain("Page ", all);
        Assert.Contains("Youth work | Monday and Thursday | 6\nSchool social work | Tuesday | 3", doc.Sections.Single(s => s.Heading.StartsWith("2.2", StringComparison.Ordinal)).Text);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public void Ask_AboutOneSection_AnswersFromThatSectionWithItsPages(string styleName) =>
        AnswersFromTheRotaSection(Load("paper.pdf", PaperPdfWriter.Write(RanPapers.Liaison(), Style(styleName))));

    internal static void AnswersFromTheRotaSection(CorpusDocument doc)
    {
        var loader = new CorpusLoader(new HashSet<string> { "local" });
        using var index = LuceneIndex.InMemory();
        new KnowledgeIndexer(loader, new PassageSplitter()).Index(index, [doc], [], "test");

        var best = new KnowledgeSearch(index, new KnowledgeOptions()).Ask(RanPapers.RotaQuestion).Best!.Passage;

        Assert.Equal(RanPapers.RotaHeading, best.Section);
        Assert.Contains("community officer", best.Text);
        Assert.DoesNotContain("RAN LOCAL", best.Text);
        Assert.NotNull(best.Page);
        Assert.True(best.LastPage >= best.Page);
    }

    [Fact]
    public void Passages_OfASectionOverAPageBreak_CiteTheirOwnPages()
    {
        var doc = Load("paper.pdf", PaperPdfWriter.Write(RanPapers.Liaison(), PaperStyle.All[0]));
        var rota = new PassageSplitter().Split(doc).Where(p => p.Section == RanPapers.RotaHeading).ToList();
        Assert.True(rota.Count > 2);
        Assert.Equal(doc.Sections.Single(s => s.Heading == RanPapers.RotaHeading).Page, rota[0].Page);
        var section = doc.Sections.Single(s => s.Heading == RanPapers.RotaHeading);
        Assert.Equal(section.LastPage, rota[^1].LastPage);
        Assert.True(rota[^1].Page > rota[0].Page);
        Assert.All(rota.Zip(rota.Skip(1)), pair => Assert.True(pair.Second.Page >= pair.First.Page));
    }

    [Fact]
    public void Read_LeadParagraphInLargerType_IsTextOfItsSectionNotAHeading()
    {
        const string lead = "This lead paragraph is set in larger bold type, as papers often open a chapter, and it runs over several lines of the column so that no reader would take it for a heading of the paper.";
        var paper = RanPapers.Liaison() with { Blocks = [.. RanPapers.Liaison().Blocks.Take(1), new PaperHeading(lead, 1), .. RanPapers.Liaison().Blocks.Skip(1)] };

        var doc = Load("lead.pdf", PaperPdfWriter.Write(paper, PaperStyle.All[0]));

        Assert.DoesNotContain(doc.Sections, s => s.Heading.Contains("lead paragraph", StringComparison.Ordinal));
        Assert.StartsWith(lead, doc.Sections.Single(s => s.Heading == "1 Introduction").Text);
    }

    internal static List<string> RawWords(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
    }

    public void Dispose() => _dir.Dispose();
}
