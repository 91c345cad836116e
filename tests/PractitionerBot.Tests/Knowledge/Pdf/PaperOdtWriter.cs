using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace PractitionerBot.Tests.Knowledge.Pdf;

/// <summary>How a paper is set by LibreOffice: the font, sizes, columns and their gap.</summary>
public sealed record OdtStyle(string Name, string Font, double BodySize, double HeadingSize, int Columns, double ColumnGapCm, double LineHeightPercent, string Footer)
{
    public static readonly IReadOnlyList<OdtStyle> All =
    [
        new("lo-serif-two-columns", "Liberation Serif", 10, 13, 2, 0.8, 100, "Page <text:page-number text:select-page=\"current\"/> of <text:page-count/>"),
        new("lo-sans-narrow-gap", "DejaVu Sans", 8.5, 11, 2, 0.4, 115, "<text:page-number text:select-page=\"current\"/>"),
        new("lo-sans-three-columns", "Liberation Sans", 8, 10.5, 3, 0.6, 105, "RAN · <text:page-number text:select-page=\"current\"/>"),
    ];
}

/// <summary>
/// Writes a paper as a flat OpenDocument text (headings with outline levels, column sections, a
/// header and footer with page fields, a table) and has LibreOffice make the PDF: a generator
/// with its own fonts, line breaking and hyphenation, unlike PdfPig's builder.
/// </summary>
public static partial class PaperOdtWriter
{
    public static string? SkipReason => Soffice is null ? "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui" : null;

    private static string? Soffice => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Select(dir => Path.Combine(dir, "soffice")).FirstOrDefault(File.Exists);

    /// <summary>The PDF LibreOffice makes of the paper, written in <paramref name="folder"/>.</summary>
    public static async Task<byte[]> ToPdfAsync(RanPaper paper, OdtStyle style, string folder)
    {
        var source = Path.Combine(folder, style.Name + ".fodt");
        await File.WriteAllTextAsync(source, Fodt(paper, style));
        var profile = new Uri(Path.Combine(folder, "lo-profile-" + Guid.NewGuid().ToString("N"))).AbsoluteUri;
        var start = new ProcessStartInfo(Soffice!, ["-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf", "--outdir", folder, source])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var pdf = Path.ChangeExtension(source, ".pdf");
        if (!File.Exists(pdf)) throw new InvalidOperationException($"soffice made no PDF (exit {process.ExitCode}): {await stderr}");
        return await File.ReadAllBytesAsync(pdf);
    }

    public static string Fodt(RanPaper paper, OdtStyle style)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<text:p text:style-name=\"Title\">{Xml(paper.Title)}</text:p>");
        body.Append(CultureInfo.InvariantCulture, $"<text:p text:style-name=\"Subtitle\">{Xml(paper.Subtitle)}</text:p>");
        var section = 0;
        var open = false;
        foreach (var block in paper.Blocks)
        {
            if (block is PaperTable table)
            {
                Close();
                body.Append("<table:table table:name=\"T1\">").Append(CultureInfo.InvariantCulture, $"<table:table-column table:number-columns-repeated=\"{table.Rows[0].Length}\"/>");
                foreach (var row in table.Rows)
                    body.Append("<table:table-row>").AppendJoin("", row.Select(c => $"<table:table-cell office:value-type=\"string\"><text:p text:style-name=\"Body\">{Xml(c)}</text:p></table:table-cell>")).Append("</table:table-row>");
                body.Append("</table:table>");
                continue;
            }
            if (!open)
            {
                body.Append(CultureInfo.InvariantCulture, $"<text:section text:name=\"S{++section}\" text:style-name=\"Columns\">");
                open = true;
            }
            body.Append(block switch
            {
                PaperHeading h => $"<text:h text:style-name=\"Heading{h.Level}\" text:outline-level=\"{h.Level}\">{Xml(h.Text)}</text:h>",
                PaperParagraph p => $"<text:p text:style-name=\"Body\">{Xml(SoftHyphens(p.Text))}</text:p>",
                _ => "",
            });
        }
        Close();
        return Template
            .Replace("{font}", style.Font)
            .Replace("{body}", Pt(style.BodySize)).Replace("{heading1}", Pt(style.HeadingSize)).Replace("{heading2}", Pt(style.HeadingSize - 1.5))
            .Replace("{columns}", style.Columns.ToString(CultureInfo.InvariantCulture)).Replace("{gap}", style.ColumnGapCm.ToString(CultureInfo.InvariantCulture) + "cm")
            .Replace("{lineHeight}", style.LineHeightPercent.ToString(CultureInfo.InvariantCulture) + "%")
            .Replace("{header}", Xml(paper.RunningHeader)).Replace("{footer}", style.Footer)
            .Replace("{content}", body.ToString());

        void Close()
        {
            if (open) body.Append("</text:section>");
            open = false;
        }
    }

    private static string Pt(double size) => size.ToString(CultureInfo.InvariantCulture) + "pt";

    private static string Xml(string text) => SecurityElement.Escape(text)!;

    /// <summary>Soft hyphens in the middle of long words, where LibreOffice may break them (it has no hyphenation dictionary here).</summary>
    private static string SoftHyphens(string text) => LongWord().Replace(text, m => m.Value.Contains('\u00AD') ? m.Value : m.Value[..(m.Length / 2)] + "\u00AD" + m.Value[(m.Length / 2)..]);

    [GeneratedRegex(@"[\p{L}\u00AD]{9,}")]
    private static partial Regex LongWord();

    private const string Template = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
          xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
          xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
          office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
        <office:font-face-decls><style:font-face style:name="F" svg:font-family="'{font}'"/></office:font-face-decls>
        <office:styles>
          <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.12cm" fo:line-height="{lineHeight}"/><style:text-properties style:font-name="F" fo:font-size="{body}"/></style:style>
          <style:style style:name="Heading1" style:family="paragraph" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/><style:text-properties style:font-name="F" fo:font-size="{heading1}" fo:font-weight="bold"/></style:style>
          <style:style style:name="Heading2" style:family="paragraph" style:default-outline-level="2"><style:paragraph-properties fo:margin-top="0.25cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"/><style:text-properties style:font-name="F" fo:font-size="{heading2}" fo:font-weight="bold"/></style:style>
          <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:margin-top="8cm"/><style:text-properties style:font-name="F" fo:font-size="26pt" fo:font-weight="bold"/></style:style>
          <style:style style:name="Subtitle" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.5cm" fo:break-after="page"/><style:text-properties style:font-name="F" fo:font-size="14pt"/></style:style>
          <style:style style:name="Small" style:family="paragraph"><style:text-properties style:font-name="F" fo:font-size="7.5pt"/></style:style>
        </office:styles>
        <office:automatic-styles>
          <style:style style:name="Columns" style:family="section"><style:section-properties><style:columns fo:column-count="{columns}" fo:column-gap="{gap}"/></style:section-properties></style:style>
          <style:page-layout style:name="Page"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
            <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>
            <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
        </office:automatic-styles>
        <office:master-styles>
          <style:master-page style:name="Standard" style:page-layout-name="Page">
            <style:header><text:p text:style-name="Small">{header}</text:p></style:header>
            <style:footer><text:p text:style-name="Small">{footer}</text:p></style:footer>
          </style:master-page>
        </office:master-styles>
        <office:body><office:text>{content}</office:text></office:body>
        </office:document>
        """;
}
