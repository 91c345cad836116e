using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Knowledge.Pdf;

/// <summary>Skipped, with the reason, where LibreOffice is not installed.</summary>
public sealed class LibreOfficeTheoryAttribute : TheoryAttribute
{
    public LibreOfficeTheoryAttribute() => Skip = PaperOdtWriter.SkipReason;
}

/// <summary>The same paper made by LibreOffice (its own fonts, line breaking, hyphenation and columns) reads the same way.</summary>
public sealed class LibreOfficePaperTests : IDisposable
{
    private readonly TempDir _dir = new();

    public static TheoryData<string> Styles() => new(OdtStyle.All.Select(s => s.Name));

    [LibreOfficeTheory]
    [MemberData(nameof(Styles))]
    public async Task Read_PaperMadeByLibreOffice_ReadsAsWrittenAndAnswersFromTheRightSection(string styleName)
    {
        var paper = RanPapers.Liaison(rotaParagraphs: 24); // long enough to run over a page break in three columns
        var pdf = await PaperOdtWriter.ToPdfAsync(paper, OdtStyle.All.Single(s => s.Name == styleName), _dir.Path);
        Assert.Contains(PdfReaderTests.RawWords(pdf), w => w.Length > 3 && w.EndsWith('-')); // LibreOffice did hyphenate at line ends

        var result = new CorpusLoader(new HashSet<string> { "local" }).Load(Path.Combine(_dir.Path, styleName + ".pdf"));

        Assert.Empty(result.Skipped);
        var doc = Assert.Single(result.Documents);
        PdfReaderTests.ReadsAsWritten(paper, doc);
        PdfReaderTests.AnswersFromTheRotaSection(doc);
    }

    public void Dispose() => _dir.Dispose();
}
