namespace PractitionerBot.Knowledge.Model;

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

/// <summary>A run of text under one heading, optionally on known pages of the original file.</summary>
public sealed record DocumentSection(string Heading, string Text, int? Page = null)
{
    /// <summary>The page the section ends on, when it runs over a page break.</summary>
    public int? LastPage { get; init; }

    /// <summary>The pages of each paragraph (the text split on blank lines), so a passage cut from the section cites its own pages.</summary>
    public IReadOnlyList<PageRange>? ParagraphPages { get; init; }
}

/// <summary>Pages of the original file, first to last.</summary>
public readonly record struct PageRange(int First, int Last);

/// <summary>The unit the index stores and the bot cites.</summary>
public sealed record Passage(
    string Id,
    CorpusDocument Document,
    string Section,
    string Text,
    int? Page)
{
    /// <summary>The page the passage ends on, when it continues over a page break.</summary>
    public int? LastPage { get; init; }
}

public static class DocumentTypes
{
    public static readonly IReadOnlySet<string> All =
        new HashSet<string>(StringComparer.Ordinal) { "guidance", "paper", "manual", "collection", "project", "funding", "event" };
}
