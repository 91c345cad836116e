using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PractitionerBot.Knowledge.Model;

namespace PractitionerBot.Knowledge.Ingestion;

/// <summary>Word documents: sections follow the Heading/Title paragraph styles; tables keep their rows.</summary>
public sealed class DocxReader(IReadOnlySet<string> knownGroups) : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".docx"];

    public IEnumerable<CorpusDocument> Read(string path, DocumentMetadata defaults, ICollection<SkippedFile> skipped)
    {
        var sections = new List<DocumentSection>();
        string? title = null;
        try
        {
            using var doc = WordprocessingDocument.Open(path, false);
            var body = doc.MainDocumentPart?.Document?.Body ?? throw new CorpusFormatException("the document has no body");
            title = doc.PackageProperties.Title;
            var heading = "Overview";
            var text = new StringBuilder();
            foreach (var element in body.Descendants().Where(e => e is Paragraph or Table && !e.Ancestors<Table>().Any()))
            {
                if (element is Table table)
                {
                    // A table stays a table: a row per line, its cells separated by " | ".
                    var rows = table.Elements<TableRow>().Select(r => string.Join(" | ", r.Elements<TableCell>().Select(c => TextUtil.NormalizeCompatibility(c.InnerText))))
                        .Where(r => r.Trim(' ', '|').Length > 0);
                    text.AppendJoin('\n', rows).Append("\n\n");
                    continue;
                }
                var paragraph = (Paragraph)element;
                var content = TextUtil.NormalizeCompatibility(paragraph.InnerText);
                if (content.Length == 0) continue;
                var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
                if (style.Equals("Title", StringComparison.OrdinalIgnoreCase))
                {
                    title ??= content;
                    continue;
                }
                if (style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase))
                {
                    if (text.Length > 0) sections.Add(new DocumentSection(heading, text.ToString().Trim()));
                    text.Clear();
                    heading = content;
                    continue;
                }
                text.Append(content).Append("\n\n");
            }
            if (text.Length > 0) sections.Add(new DocumentSection(heading, text.ToString().Trim()));
        }
        catch (Exception ex) when (ex is not CorpusFormatException)
        {
            throw new CorpusFormatException($"not a readable Word document ({ex.GetType().Name}: {ex.Message})");
        }
        var name = Path.GetFileNameWithoutExtension(path);
        yield return defaults.ToDocument(TextUtil.Slug(name), string.IsNullOrWhiteSpace(title) ? name : title.Trim(), sections, knownGroups, requireFullMetadata: false);
    }
}
