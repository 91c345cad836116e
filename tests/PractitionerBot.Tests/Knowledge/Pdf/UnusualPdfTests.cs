using System.Text;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Tests.Infrastructure;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace PractitionerBot.Tests.Knowledge.Pdf;

/// <summary>Scanned, encrypted, broken and very long PDFs: each read, or skipped with a reason that names the file.</summary>
public sealed class UnusualPdfTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly CorpusLoader _loader = new(new HashSet<string> { "local" });

    /// <summary>A 4x4 grey PNG: a page that is only an image, as a scanner makes.</summary>
    private static readonly byte[] ScanImage = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAYAAACp8Z5+AAAAD0lEQVR42mM4gQYYSBcAAKSeMgF781UrAAAAAElFTkSuQmCC");

    [Fact]
    public void Load_ScannedPdfWithoutText_IsSkippedAsScanned()
    {
        File.WriteAllBytes(_dir.File("scan.pdf"), Scanned(pages: 2));

        var result = _loader.Load(_dir.Path);

        Assert.Empty(result.Documents);
        var skipped = Assert.Single(result.Skipped);
        Assert.EndsWith("scan.pdf", skipped.Path);
        Assert.Contains("2 page(s) are scanned images", skipped.Reason);
    }

    [Fact]
    public void Load_PaperWithOneScannedPage_IsReadAndTheScannedPageReported()
    {
        var paper = PaperPdfWriter.Write(RanPapers.Liaison(), PaperStyle.All[0]);
        var builder = new PdfDocumentBuilder();
        int pages;
        using (var source = UglyToad.PdfPig.PdfDocument.Open(paper))
        {
            foreach (var page in source.GetPages()) builder.AddPage(PageSize.A4).CopyFrom(page);
            pages = source.NumberOfPages;
        }
        builder.AddPage(PageSize.A4).AddPng(ScanImage, new PdfRectangle(50, 50, 545, 792));
        File.WriteAllBytes(_dir.File("mixed.pdf"), builder.Build());

        var result = _loader.Load(_dir.Path);

        Assert.Contains(Assert.Single(result.Documents).Sections, s => s.Heading == RanPapers.RotaHeading);
        var skipped = Assert.Single(result.Skipped);
        Assert.EndsWith($"mixed.pdf (page {pages + 1})", skipped.Path);
        Assert.Contains("scanned page", skipped.Reason);
    }

    [Fact]
    public void Load_EncryptedPdf_IsSkippedSayingItNeedsAPassword()
    {
        File.WriteAllBytes(_dir.File("locked.pdf"), Encrypted(PaperPdfWriter.Write(RanPapers.Liaison(), PaperStyle.All[0])));

        var result = _loader.Load(_dir.Path);

        Assert.Empty(result.Documents);
        Assert.Contains("encrypted", Assert.Single(result.Skipped).Reason);
    }

    [Fact]
    public void Load_TruncatedPdf_IsSkippedAndTheRestIndexed()
    {
        var pdf = PaperPdfWriter.Write(RanPapers.Liaison(), PaperStyle.All[0]);
        File.WriteAllBytes(_dir.File("cut.pdf"), pdf[..(pdf.Length / 3)]);
        File.WriteAllBytes(_dir.File("whole.pdf"), pdf);

        var result = _loader.Load(_dir.Path);

        Assert.Equal("whole", Assert.Single(result.Documents).Id);
        var skipped = Assert.Single(result.Skipped);
        Assert.EndsWith("cut.pdf", skipped.Path);
        Assert.Contains("not a readable PDF", skipped.Reason);
    }

    [Fact]
    public void Load_HandbookOfThreeHundredPages_FollowsItsChaptersWithoutRunningLines()
    {
        var handbook = RanPapers.Handbook(chapters: 620);
        var pdf = PaperPdfWriter.Write(handbook, PaperStyle.All[1]);
        using (var check = UglyToad.PdfPig.PdfDocument.Open(pdf)) Assert.True(check.NumberOfPages >= 300, $"{check.NumberOfPages} pages");
        File.WriteAllBytes(_dir.File("handbook.pdf"), pdf);

        var doc = Assert.Single(_loader.Load(_dir.Path).Documents);

        Assert.Equal(handbook.Blocks.OfType<PaperHeading>().Select(h => h.Text), doc.Sections.Select(s => s.Heading).Where(h => h != "Overview"));
        Assert.DoesNotContain(doc.Sections, s => s.Text.Contains(handbook.RunningHeader, StringComparison.Ordinal));
        Assert.True(doc.Sections[^1].LastPage >= 300);
    }

    private static byte[] Scanned(int pages)
    {
        var builder = new PdfDocumentBuilder();
        for (var i = 0; i < pages; i++) builder.AddPage(PageSize.A4).AddPng(ScanImage, new PdfRectangle(50, 50, 545, 792));
        return builder.Build();
    }

    /// <summary>The paper with a standard security handler in its trailer whose password is not empty.</summary>
    private static byte[] Encrypted(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        Assert.True(trailer > 0, "the builder writes a classic trailer");
        var open = text.IndexOf("<<", trailer, StringComparison.Ordinal) + 2;
        var key = new string('A', 64);
        return Encoding.Latin1.GetBytes(text[..open]
            + $" /Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /O <{key}> /U <{key}> /P -44 >> /ID [<{key[..32]}> <{key[..32]}>] "
            + text[open..]);
    }

    public void Dispose() => _dir.Dispose();
}
