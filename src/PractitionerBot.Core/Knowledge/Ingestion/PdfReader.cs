using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace PractitionerBot.Knowledge.Ingestion;

/// <summary>PDF papers, one section per page so every passage can cite its page.</summary>
public sealed class PdfReader(IReadOnlySet<string> knownGroups) : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".pdf"];

    public IEnumerable<CorpusDocument> Read(string path, DocumentMetadata defaults, ICollection<SkippedFile> skipped)
    {
        var sections = new List<DocumentSection>();
        string? infoTitle;
        try
        {
            using var pdf = PdfDocument.Open(path);
            infoTitle = pdf.Information.Title;
            foreach (var page in pdf.GetPages())
            {
                var text = ContentOrderTextExtractor.GetText(page).Replace("\r\n", "\n");
                text = string.Join("\n\n", text.Split("\n\n").Select(TextUtil.Normalize).Where(p => p.Length > 0));
                if (text.Length > 0) sections.Add(new DocumentSection($"Page {page.Number}", text, page.Number));
            }
        }
        catch (Exception ex) when (ex is not CorpusFormatException)
        {
            throw new CorpusFormatException($"not a readable PDF ({ex.GetType().Name}: {ex.Message})");
        }
        if (sections.Count == 0) throw new CorpusFormatException("the PDF has no extractable text (scanned images need OCR first)");
        var name = Path.GetFileNameWithoutExtension(path);
        var title = string.IsNullOrWhiteSpace(infoTitle) ? name : infoTitle.Trim();
        yield return defaults.ToDocument(TextUtil.Slug(name), title, sections, knownGroups, requireFullMetadata: false);
    }
}
