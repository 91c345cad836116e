using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DocumentFormat.OpenXml;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Model;
using PractitionerBot.Tests.Infrastructure;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace PractitionerBot.Tests.Knowledge;

public sealed class IngestionTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly CorpusLoader _loader = new(new HashSet<string> { "local", "police", "exit" });

    private const string GoodMarkdown = """
        ---
        id: good-doc
        title: A good document
        workingGroups: [local]
        year: 2018
        type: guidance
        language: en
        source:
          title: "Some paper: a subtitle"
          url: https://example.org/paper
        ---
        # A good document

        Intro text about municipalities.

        ## Steps
        First step text about a local action plan.
        """;

    [Fact]
    public void Load_ReadsEveryFormatWithTitleSectionAndPage()
    {
        File.WriteAllText(_dir.File("good.md"), GoodMarkdown);
        WritePdf(_dir.File("paper.pdf"), ["First page about exit programmes.", "Second page about formers and mentors."]);
        File.WriteAllText(_dir.File("paper.pdf.meta.yaml"), "id: exit-paper\nworkingGroups: [exit]\nyear: 2021\n");
        WriteDocx(_dir.File("notes.docx"), "Police notes", ("Community policing", "Officers build trust with neighbourhoods."));
        File.WriteAllText(_dir.File("page.html"), "<html><head><title>Web page</title><script>var x='ignored';</script></head><body><nav>menu</nav><h2>Section A</h2><p>Paragraph about prevention.</p><ul><li>Item one</li></ul></body></html>");
        File.WriteAllText(_dir.File("records.jsonl"), "{\"_id\": \"1\", \"title\": \"Record one\", \"text\": \"Text one.\"}\n{\"_id\": 2, \"title\": \"Record two\", \"text\": \"Text two.\"}\n");

        var result = _loader.Load(_dir.Path);

        Assert.Empty(result.Skipped);
        var byId = result.Documents.ToDictionary(d => d.Id);
        Assert.Equal(["1", "2", "exit-paper", "good-doc", "notes", "page"], byId.Keys.Order());
        Assert.Equal("Steps", byId["good-doc"].Sections[1].Heading);
        Assert.Equal("Some paper: a subtitle", byId["good-doc"].Source.Title);
        var pdfSection = Assert.Single(byId["exit-paper"].Sections); // no headings: one section over both pages
        Assert.Equal((1, 2), (pdfSection.Page, pdfSection.LastPage));
        Assert.Equal(["exit"], byId["exit-paper"].WorkingGroups);
        Assert.Equal("Police notes", byId["notes"].Title);
        Assert.Equal("Community policing", byId["notes"].Sections[0].Heading);
        Assert.Equal("Web page", byId["page"].Title);
        Assert.DoesNotContain("ignored", byId["page"].Sections.Single().Text);
        Assert.DoesNotContain("menu", byId["page"].Sections.Single().Text);
    }

    [Fact]
    public void Load_ReportsBrokenFilesByNameAndIndexesTheRest()
    {
        File.WriteAllText(_dir.File("good.md"), GoodMarkdown);
        File.WriteAllText(_dir.File("no-front-matter.md"), "# Just a heading\n\nText.");
        File.WriteAllText(_dir.File("bad-yaml.md"), "---\nid: [unclosed\n---\nText");
        File.WriteAllText(_dir.File("unknown-group.md"), GoodMarkdown.Replace("id: good-doc", "id: other").Replace("[local]", "[locall]"));
        File.WriteAllText(_dir.File("duplicate.md"), GoodMarkdown);
        File.WriteAllBytes(_dir.File("broken.pdf"), [0x25, 0x50, 0x44, 0x46, 0x00, 0x01]);
        File.WriteAllText(_dir.File("broken.docx"), "not a zip");
        File.WriteAllText(_dir.File("mixed.jsonl"), "{\"_id\": \"ok\", \"title\": \"Fine\", \"text\": \"Fine text.\"}\nnot json\n{\"title\": \"no id\"}\n");

        var result = _loader.Load(_dir.Path);

        Assert.Equal(["good-doc", "ok"], result.Documents.Select(d => d.Id).Order());
        string Reason(string name) => Assert.Single(result.Skipped, s => s.Path.EndsWith(name, StringComparison.Ordinal)).Reason;
        Assert.Contains("front matter is missing", Reason("no-front-matter.md"));
        Assert.Contains("not valid YAML", Reason("bad-yaml.md"));
        Assert.Contains("unknown id 'locall'", Reason("unknown-group.md"));
        Assert.Contains("already used", Reason("good.md")); // duplicate.md sorts first and keeps the id
        Assert.Contains("PDF", Reason("broken.pdf"));
        Assert.Contains("Word", Reason("broken.docx"));
        Assert.Contains("JSON", Reason("mixed.jsonl:2"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("_id", Reason("mixed.jsonl:3"));
    }

    [Fact]
    public void Markdown_SetextHeadingsAndCodeBlocksWithHashes_AreReadAsCommonMarkReadsThem()
    {
        File.WriteAllText(_dir.File("setext.md"), """
            ---
            id: setext-doc
            title: Setext document
            workingGroups: [local]
            year: 2019
            type: guidance
            language: en
            source:
              title: A setext paper
            ---
            A setext title
            ==============

            Intro about the local action plan.

            Steps to take
            -------------
            Map the partners first.

            ~~~bash
            # a comment in a code block, not a heading
            echo done
            ~~~

                # nor this, in an indented code block

            ## Closing ##
            The end of the *plan*.
            """);
        File.WriteAllText(_dir.File("unclosed.md"), "---\nid: unclosed\n\n# Heading\n\nText.\n");

        var result = _loader.Load(_dir.Path);

        var doc = Assert.Single(result.Documents);
        Assert.Equal(["Overview", "Steps to take", "Closing"], doc.Sections.Select(s => s.Heading));
        Assert.Equal("Intro about the local action plan.", doc.Sections[0].Text); // the setext level-1 heading is the title
        var steps = doc.Sections[1].Text;
        Assert.StartsWith("Map the partners first.", steps);
        Assert.Contains("# a comment in a code block, not a heading\necho done", steps);
        Assert.Contains("# nor this, in an indented code block", steps);
        Assert.DoesNotContain("~~~", steps);
        Assert.DoesNotContain("--", steps);
        Assert.Equal("The end of the plan.", doc.Sections[2].Text);
        Assert.Equal("A setext title", MarkdownReader.ParseBody("A setext title\n===\n\nText.").Title);
        Assert.Contains("not closed", Assert.Single(result.Skipped).Reason);
    }

    [Fact]
    public void Splitter_KeepsHeadingsAndCutsLongSectionsIntoWindows()
    {
        var longText = string.Join("\n\n", Enumerable.Range(0, 30).Select(i => $"Paragraph {i} has a handful of words about local prevention work."));
        var doc = new PractitionerBot.Knowledge.Model.CorpusDocument("d", "T", ["local"], 2020, "guidance", "en",
            new PractitionerBot.Knowledge.Model.SourceReference("T"), [new("Long section", longText), new("Short", "Tiny.")]);
        var passages = new PassageSplitter(maxWords: 60).Split(doc);
        Assert.True(passages.Count > 3);
        Assert.All(passages, p => Assert.True(PractitionerBot.Knowledge.Model.TextUtil.CountWords(p.Text) <= 60 || p.Section == "Long section"));
        Assert.Equal("Short", passages[^1].Section);
        Assert.Equal(passages.Count, passages.Select(p => p.Id).Distinct().Count());
    }

    private static void WritePdf(string path, string[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages)
            builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        File.WriteAllBytes(path, builder.Build());
    }

    private static void WriteDocx(string path, string title, params (string Heading, string Text)[] sections)
    {
        using var doc = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = doc.AddMainDocumentPart();
        var body = new Body();
        body.Append(Styled(title, "Title"));
        foreach (var (heading, text) in sections)
        {
            body.Append(Styled(heading, "Heading1"));
            body.Append(new Paragraph(new Run(new Text(text))));
        }
        main.Document = new Document(body);
    }

    private static Paragraph Styled(string text, string style) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text)));

    public void Dispose() => _dir.Dispose();
}
