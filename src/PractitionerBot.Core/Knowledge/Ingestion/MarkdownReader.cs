using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PractitionerBot.Knowledge.Model;

namespace PractitionerBot.Knowledge.Ingestion;

/// <summary>Markdown with YAML front matter: the format of the embedded corpus.</summary>
public sealed partial class MarkdownReader(IReadOnlySet<string> knownGroups) : IDocumentReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    public IEnumerable<CorpusDocument> Read(string path, DocumentMetadata defaults, ICollection<SkippedFile> skipped)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n");
        var markdown = Markdown.Parse(text, Pipeline);
        if (markdown.FirstOrDefault() is not YamlFrontMatterBlock frontMatter)
            throw new CorpusFormatException(text.StartsWith("---\n", StringComparison.Ordinal)
                ? "front matter is not closed by a line '---'"
                : "front matter is missing: the file must start with a line '---'");
        var metadata = DocumentMetadata.Parse(frontMatter.Lines.ToString());
        var (h1, sections) = ParseBody(text, markdown);
        var fallbackId = TextUtil.Slug(Path.GetFileNameWithoutExtension(path));
        yield return metadata.ToDocument(fallbackId, h1 ?? fallbackId, sections, knownGroups, requireFullMetadata: true);
    }

    internal static (string? Title, IReadOnlyList<DocumentSection> Sections) ParseBody(string body) =>
        ParseBody(body, Markdown.Parse(body, Pipeline));

    /// <summary>
    /// Sections under the document's top-level headings (ATX or setext, as Markdig reads them). A section's text is its
    /// source lines with the inline markup dropped, so lists and paragraphs read as written; code fences are dropped, their
    /// lines kept. A first level-1 heading before any text is the title.
    /// </summary>
    private static (string? Title, IReadOnlyList<DocumentSection> Sections) ParseBody(string text, MarkdownDocument markdown)
    {
        var sourceLines = text.Split('\n');
        var lineStarts = new int[sourceLines.Length];
        for (var i = 1; i < sourceLines.Length; i++) lineStarts[i] = lineStarts[i - 1] + sourceLines[i - 1].Length + 1;
        // Block.Line is where Markdig recognised the block: a setext heading's underline, so lines come from the span.
        int FirstLine(Block block) => LineOf(lineStarts, block.Span.Start);
        int LastLine(Block block) => LineOf(lineStarts, block.Span.End);

        var headings = new Dictionary<int, HeadingBlock>();
        var hidden = new HashSet<int>();
        foreach (var block in markdown)
        {
            if (block is HeadingBlock heading) headings[FirstLine(heading)] = heading;
            if (block is HeadingBlock or YamlFrontMatterBlock)
                for (var line = FirstLine(block); line <= LastLine(block); line++) hidden.Add(line);
        }
        foreach (var fence in markdown.Descendants<FencedCodeBlock>())
        {
            var content = new HashSet<int>(fence.Lines.Lines.Take(fence.Lines.Count).Select(l => l.Line));
            for (var line = FirstLine(fence); line <= LastLine(fence); line++)
                if (!content.Contains(line)) hidden.Add(line);
        }

        string? title = null;
        var sections = new List<DocumentSection>();
        var sectionHeading = "Overview";
        var lines = new List<string>();

        void Flush()
        {
            var sectionText = string.Join('\n', lines).Trim();
            sectionText = MultipleBlankLines().Replace(sectionText, "\n\n");
            if (TextUtil.CountWords(sectionText) > 0) sections.Add(new DocumentSection(sectionHeading, sectionText));
            lines.Clear();
        }

        for (var i = 0; i < sourceLines.Length; i++)
        {
            if (headings.TryGetValue(i, out var heading))
            {
                var headingText = PlainText(heading.Inline);
                if (heading.Level == 1 && title is null && sections.Count == 0 && lines.All(string.IsNullOrWhiteSpace))
                {
                    title = headingText;
                    continue;
                }
                Flush();
                sectionHeading = headingText;
                continue;
            }
            if (!hidden.Contains(i)) lines.Add(CleanInline(sourceLines[i].TrimEnd()));
        }
        Flush();
        return (title, sections);
    }

    private static int LineOf(int[] lineStarts, int position)
    {
        var index = Array.BinarySearch(lineStarts, position);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>A heading's words without their markup: emphasis, links and code spans give their text.</summary>
    private static string PlainText(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        void Walk(Inline? inline)
        {
            for (; inline is not null; inline = inline.NextSibling)
            {
                switch (inline)
                {
                    case LiteralInline literal: text.Append(literal.Content.AsSpan()); break;
                    case CodeInline code: text.Append(code.Content); break;
                    case HtmlEntityInline entity: text.Append(entity.Transcoded.AsSpan()); break;
                    case AutolinkInline autolink: text.Append(autolink.Url); break;
                    case LineBreakInline: text.Append(' '); break;
                    case ContainerInline container: Walk(container.FirstChild); break;
                }
            }
        }
        Walk(inlines?.FirstChild);
        return text.ToString().Trim();
    }

    /// <summary>Drops Markdown markup that means nothing in a card or an index: emphasis, links, code ticks.</summary>
    internal static string CleanInline(string line)
    {
        line = Link().Replace(line, "$1");
        line = line.Replace("**", "").Replace("__", "").Replace("`", "");
        line = Emphasis().Replace(line, "$1");
        return line;
    }

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex MultipleBlankLines();
}
