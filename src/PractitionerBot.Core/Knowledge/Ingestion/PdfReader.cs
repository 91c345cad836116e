using PractitionerBot.Knowledge.Ingestion.Pdf;
using PractitionerBot.Knowledge.Model;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig;

namespace PractitionerBot.Knowledge.Ingestion;

/// <summary>
/// PDF papers read the way a reader sees them (see <see cref="PdfLayout"/> and <see cref="PdfStructure"/>):
/// sections follow the paper's headings across pages, and every passage knows its pages. Pages
/// without text (scanned images) are reported and skipped; a PDF without any text is skipped whole.
/// </summary>
public sealed class PdfReader(IReadOnlySet<string> knownGroups) : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".pdf"];

    public IEnumerable<CorpusDocument> Read(string path, DocumentMetadata defaults, ICollection<SkippedFile> skipped)
    {
        var pages = new List<IReadOnlyList<PdfLine>>();
        var scanned = new List<int>();
        string? infoTitle;
        try
        {
            using var pdf = PdfDocument.Open(path);
            infoTitle = pdf.Information.Title;
            for (var number = 1; number <= pdf.NumberOfPages; number++)
            {
                try
                {
                    var page = pdf.GetPage(number);
                    var lines = PdfLayout.Lines(page);
                    if (lines.Count == 0 && page.NumberOfImages > 0) scanned.Add(number);
                    pages.Add(lines);
                }
                catch (Exception ex) when (ex is not (PdfDocumentEncryptedException or OutOfMemoryException))
                {
                    skipped.Add(new SkippedFile($"{path} (page {number})", $"the page cannot be read ({ex.GetType().Name}: {ex.Message})"));
                    pages.Add([]);
                }
            }
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new CorpusFormatException("the PDF is encrypted and needs a password; save a copy without protection");
        }
        catch (Exception ex) when (ex is not (CorpusFormatException or OutOfMemoryException))
        {
            throw new CorpusFormatException($"not a readable PDF ({ex.GetType().Name}: {ex.Message})");
        }

        if (pages.All(p => p.Count == 0))
            throw new CorpusFormatException(scanned.Count > 0
                ? $"the PDF has no text layer: its {scanned.Count} page(s) are scanned images (run OCR on it first)"
                : "the PDF has no extractable text");
        foreach (var number in scanned)
            skipped.Add(new SkippedFile($"{path} (page {number})", "a scanned page without a text layer (an image only); the rest of the PDF is indexed"));

        var structure = PdfStructure.Read(RunningLines.Remove(pages));
        var name = Path.GetFileNameWithoutExtension(path);
        var title = !string.IsNullOrWhiteSpace(infoTitle) ? TextUtil.Normalize(infoTitle) : structure.CoverTitle ?? name;
        yield return defaults.ToDocument(TextUtil.Slug(name), title, structure.Sections, knownGroups, requireFullMetadata: false);
    }
}
