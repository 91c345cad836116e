using PractitionerBot.Knowledge.Model;

namespace PractitionerBot.Knowledge.Ingestion;

/// <summary>Reads one file format. Throws <see cref="CorpusFormatException"/> for a file it cannot use.</summary>
public interface IDocumentReader
{
    IReadOnlyCollection<string> Extensions { get; }

    /// <summary>Documents in the file, plus problems with parts of it that were skipped (e.g. JSONL lines).</summary>
    IEnumerable<CorpusDocument> Read(string path, DocumentMetadata defaults, ICollection<SkippedFile> skipped);
}

public sealed class CorpusFormatException(string message) : Exception(message);

/// <summary>A file (or part of one) that was not indexed, and why, for the person who put it there.</summary>
public sealed record SkippedFile(string Path, string Reason);
