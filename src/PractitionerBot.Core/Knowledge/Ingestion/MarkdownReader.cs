using System.Text.RegularExpressions;
using PractitionerBot.Knowledge.Model;

namespace PractitionerBot.Knowledge.Ingestion;

/// <summary>Markdown with YAML front matter: the format of the embedded corpus.</summary>
public sealed partial class MarkdownReader(IReadOnlySet<string> knownGroups) : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    public IEnumerable<CorpusDocument> Read(string path, DocumentMetadata defaults, ICollection<SkippedFile> skipped)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n");
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
            throw new CorpusFormatException("front matter is missing: the file must start with a line '---'");
        var end = text.IndexOf("\n---", 4, StringComparison.Ordinal);
        if (end < 0) throw new CorpusFormatException("front matter is not closed by a line '---'");
        var metadata = DocumentMetadata.Parse(text[4..end]);
        var bodyStart = text.IndexOf('\n', end + 4);
        var body = bodyStart < 0 ? "" : text[(bodyStart + 1)..];
        var (h1, sections) = ParseBody(body);
        var fallbackId = TextUtil.Slug(Path.GetFileNameWithoutExtension(path));
        yield return metadata.ToDocument(fallbackId, h1 ?? fallbackId, sections, knownGroups, requireFullMetadata: true);
    }

    internal static (string? Title, IReadOnlyList<DocumentSection> Sections) ParseBody(string body)
    {
        string? title = null;
        var sections = new List<DocumentSection>();
        var heading = "Overview";
        var lines = new List<string>();
        var inFence = false;

        void Flush()
        {
            var text = string.Join('\n', lines).Trim();
            text = MultipleBlankLines().Replace(text, "\n\n");
            if (TextUtil.CountWords(text) > 0) sections.Add(new DocumentSection(heading, text));
            lines.Clear();
        }

        foreach (var raw in body.Split('\n'))
        {
            if (raw.TrimStart().StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; continue; }
            var match = inFence ? Match.Empty : HeadingLine().Match(raw);
            if (match.Success)
            {
                var text = CleanInline(match.Groups[2].Value.Trim());
                if (match.Groups[1].Length == 1 && title is null && sections.Count == 0 && lines.All(string.IsNullOrWhiteSpace))
                {
                    title = text;
                    continue;
                }
                Flush();
                heading = text;
                continue;
            }
            lines.Add(CleanInline(raw.TrimEnd()));
        }
        Flush();
        return (title, sections);
    }

    /// <summary>Drops Markdown markup that means nothing in a card or an index: emphasis, links, code ticks.</summary>
    internal static string CleanInline(string line)
    {
        line = Link().Replace(line, "$1");
        line = line.Replace("**", "").Replace("__", "").Replace("`", "");
        line = Emphasis().Replace(line, "$1");
        return line;
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.+?)\s*#*\s*$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex MultipleBlankLines();
}
