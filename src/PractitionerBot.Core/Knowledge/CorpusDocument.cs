namespace PractitionerBot.Knowledge;

/// <summary>A document of the knowledge corpus, as read from any supported file format.</summary>
public sealed record CorpusDocument(
    string Id,
    string Title,
    IReadOnlyList<string> WorkingGroups,
    int? Year,
    string Type,
    string Language,
    SourceReference Source,
    IReadOnlyList<DocumentSection> Sections,
    string? Summary = null)
{
    public int WordCount => Sections.Sum(s => TextUtil.CountWords(s.Text));
}

/// <summary>Where a document comes from: the paper a practitioner can look up.</summary>
public sealed record SourceReference(string Title, int? Year = null, string? WorkingGroup = null, string? Url = null);

/// <summary>A run of text under one heading, optionally on a known page of the original file.</summary>
public sealed record DocumentSection(string Heading, string Text, int? Page = null);

/// <summary>The unit the index stores and the bot cites.</summary>
public sealed record Passage(
    string Id,
    CorpusDocument Document,
    string Section,
    string Text,
    int? Page);

public static class DocumentTypes
{
    public static readonly IReadOnlySet<string> All =
        new HashSet<string>(StringComparer.Ordinal) { "guidance", "paper", "manual", "collection", "project", "funding", "event" };
}
