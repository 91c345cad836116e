using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PractitionerBot.Knowledge.Model;

namespace PractitionerBot.Knowledge.Ingestion;

/// <summary>Saved web pages: sections follow h1 to h4, tables keep their rows; navigation, scripts and styles are dropped.</summary>
public sealed class HtmlReader(IReadOnlySet<string> knownGroups) : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm"];

    private static readonly string[] Noise = ["script", "style", "nav", "header", "footer", "noscript", "template", "form"];

    public IEnumerable<CorpusDocument> Read(string path, DocumentMetadata defaults, ICollection<SkippedFile> skipped)
    {
        var document = new HtmlParser().ParseDocument(File.ReadAllText(path));
        foreach (var element in document.QuerySelectorAll(string.Join(',', Noise)).ToList()) element.Remove();

        var root = document.Body ?? throw new CorpusFormatException("the page has no body");
        var h1 = root.QuerySelector("h1")?.TextContent;
        var title = !string.IsNullOrWhiteSpace(document.Title) ? document.Title : h1;

        var sections = new List<DocumentSection>();
        var heading = "Overview";
        var paragraphs = new List<string>();
        foreach (var element in root.QuerySelectorAll("h1,h2,h3,h4,p,li,pre,blockquote,table,dd"))
        {
            if (element.LocalName != "table" && element.Closest("table") is not null) continue;
            if (element.LocalName == "table")
            {
                // A table stays a table: a row per line, its cells separated by " | ".
                var rows = element.QuerySelectorAll("tr").Where(r => r.Closest("table") == element)
                    .Select(r => string.Join(" | ", r.Children.Where(c => c.LocalName is "td" or "th").Select(c => TextUtil.NormalizeCompatibility(c.TextContent))))
                    .Where(r => r.Trim(' ', '|').Length > 0).ToList();
                if (rows.Count > 0) paragraphs.Add(string.Join('\n', rows));
                continue;
            }
            // Only the innermost block counts, so a <p> inside <li> is not read twice.
            if (element.LocalName is not ("h1" or "h2" or "h3" or "h4") && element.QuerySelector("p,li,pre,blockquote,dd") is not null) continue;
            var text = TextUtil.NormalizeCompatibility(element.TextContent);
            if (text.Length == 0) continue;
            if (element.LocalName is "h1" or "h2" or "h3" or "h4")
            {
                Flush();
                heading = text;
                continue;
            }
            paragraphs.Add(element.LocalName == "li" ? "- " + text : text);
        }
        Flush();

        var name = Path.GetFileNameWithoutExtension(path);
        yield return defaults.ToDocument(TextUtil.Slug(name), string.IsNullOrWhiteSpace(title) ? name : TextUtil.Normalize(title), sections, knownGroups, requireFullMetadata: false);

        void Flush()
        {
            if (paragraphs.Count > 0) sections.Add(new DocumentSection(heading, string.Join("\n\n", paragraphs)));
            paragraphs.Clear();
        }
    }
}
