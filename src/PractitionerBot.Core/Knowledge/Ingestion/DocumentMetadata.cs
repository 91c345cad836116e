using PractitionerBot.Knowledge.Model;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization;

namespace PractitionerBot.Knowledge.Ingestion;

/// <summary>
/// Front matter of a Markdown document, or the optional <c>FILE.meta.yaml</c> sidecar that gives
/// a PDF, DOCX or HTML paper its id, working groups and source.
/// </summary>
public sealed class DocumentMetadata
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public List<string>? WorkingGroups { get; set; }
    public int? Year { get; set; }
    public string? Type { get; set; }
    public string? Language { get; set; }
    public SourceMetadata? Source { get; set; }
    public string? Summary { get; set; }

    public sealed class SourceMetadata
    {
        public string? Title { get; set; }
        public int? Year { get; set; }
        public string? WorkingGroup { get; set; }
        public string? Url { get; set; }
    }

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static DocumentMetadata Parse(string yaml)
    {
        try
        {
            return Yaml.Deserialize<DocumentMetadata?>(yaml) ?? new DocumentMetadata();
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new CorpusFormatException($"front matter is not valid YAML (line {ex.Start.Line}): {FirstLine(ex.InnerException?.Message ?? ex.Message)}");
        }
    }

    /// <summary>Reads <c>FILE.meta.yaml</c> beside a binary paper, if there is one.</summary>
    public static DocumentMetadata ForFile(string path)
    {
        var sidecar = path + ".meta.yaml";
        return File.Exists(sidecar) ? Parse(File.ReadAllText(sidecar)) : new DocumentMetadata();
    }

    /// <summary>Builds the document, checking every field; all problems are reported together.</summary>
    public CorpusDocument ToDocument(string fallbackId, string fallbackTitle, IReadOnlyList<DocumentSection> sections,
        IReadOnlySet<string> knownGroups, bool requireFullMetadata)
    {
        var problems = new List<string>();
        var id = string.IsNullOrWhiteSpace(Id) ? (requireFullMetadata ? null : fallbackId) : Id.Trim();
        if (id is null) problems.Add("'id' is missing");
        else if (id.Length > 200 || id.Any(c => char.IsWhiteSpace(c) || c == '#')) problems.Add($"'id' '{id}' must be at most 200 characters without spaces or '#'");

        var title = string.IsNullOrWhiteSpace(Title) ? (requireFullMetadata ? null : fallbackTitle) : Title.Trim();
        if (string.IsNullOrWhiteSpace(title)) problems.Add("'title' is missing");

        var groups = WorkingGroups ?? [];
        if (requireFullMetadata && groups.Count == 0) problems.Add("'workingGroups' is missing or empty");
        foreach (var g in groups.Where(g => !knownGroups.Contains(g)))
            problems.Add($"'workingGroups' has unknown id '{g}' (valid: {string.Join(", ", knownGroups.Order())})");

        if (requireFullMetadata && Year is null) problems.Add("'year' is missing");
        else if (Year is < 1990 or > 2100) problems.Add($"'year' {Year} is not a plausible year");

        var type = Type?.Trim() ?? (requireFullMetadata ? null : "paper");
        if (type is null) problems.Add("'type' is missing");
        else if (!DocumentTypes.All.Contains(type)) problems.Add($"'type' '{type}' is not one of {string.Join(", ", DocumentTypes.All)}");

        var language = Language?.Trim() ?? (requireFullMetadata ? null : "en");
        if (language is null) problems.Add("'language' is missing");

        if (requireFullMetadata && string.IsNullOrWhiteSpace(Source?.Title)) problems.Add("'source.title' is missing");
        if (Source?.Url is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            problems.Add($"'source.url' '{Source.Url}' is not an http(s) address");

        if (sections.Sum(s => TextUtil.CountWords(s.Text)) == 0) problems.Add("the document has no text");

        if (problems.Count > 0) throw new CorpusFormatException(string.Join("; ", problems));

        var source = new SourceReference(
            string.IsNullOrWhiteSpace(Source?.Title) ? title! : Source.Title.Trim(),
            Source?.Year ?? Year,
            Source?.WorkingGroup,
            Source?.Url);
        return new CorpusDocument(id!, title!, groups, Year, type!, language!, source, sections, Summary);
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
