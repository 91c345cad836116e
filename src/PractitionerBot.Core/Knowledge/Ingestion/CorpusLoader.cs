using System.Security.Cryptography;
using System.Text;
using PractitionerBot.Knowledge.Model;

namespace PractitionerBot.Knowledge.Ingestion;

public sealed record CorpusLoadResult(IReadOnlyList<CorpusDocument> Documents, IReadOnlyList<SkippedFile> Skipped, string Fingerprint);

/// <summary>Reads every supported file under a folder; a broken file is reported by name and skipped.</summary>
public sealed class CorpusLoader(IReadOnlySet<string> knownGroups)
{
    private readonly IDocumentReader[] _readers =
    [
        new MarkdownReader(knownGroups), new PdfReader(knownGroups), new DocxReader(knownGroups),
        new HtmlReader(knownGroups), new JsonlReader(knownGroups),
    ];

    public static IEnumerable<string> SupportedFiles(string path, IEnumerable<string> extensions)
    {
        if (File.Exists(path)) return [path];
        var wanted = extensions.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => wanted.Contains(Path.GetExtension(f)) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>A hash of every file the corpus is read from, so a changed corpus triggers a rebuild.</summary>
    public string Fingerprint(string path)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var root = Directory.Exists(path) ? path : Path.GetDirectoryName(path) ?? ".";
        foreach (var file in SupportedFiles(path, _readers.SelectMany(r => r.Extensions).Append(".yaml")))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file) + "\0"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public CorpusLoadResult Load(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            return new CorpusLoadResult([], [new SkippedFile(path, "the corpus folder does not exist")], "");
        var documents = new List<CorpusDocument>();
        var skipped = new List<SkippedFile>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in SupportedFiles(path, _readers.SelectMany(r => r.Extensions)))
        {
            var reader = _readers.First(r => r.Extensions.Contains(Path.GetExtension(file).ToLowerInvariant()));
            try
            {
                var defaults = reader is MarkdownReader ? new DocumentMetadata() : DocumentMetadata.ForFile(file);
                foreach (var document in reader.Read(file, defaults, skipped))
                {
                    if (ids.TryGetValue(document.Id, out var first))
                    {
                        skipped.Add(new SkippedFile(file, $"id '{document.Id}' is already used by {first}"));
                        continue;
                    }
                    ids[document.Id] = file;
                    documents.Add(document);
                }
            }
            catch (Exception ex) when (ex is CorpusFormatException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                skipped.Add(new SkippedFile(file, ex.Message));
            }
        }
        return new CorpusLoadResult(documents, skipped, Fingerprint(path));
    }
}

/// <summary>The working groups a paper may name in its front matter; given by the working-group directory.</summary>
public sealed record KnownWorkingGroups(IReadOnlySet<string> Ids);
