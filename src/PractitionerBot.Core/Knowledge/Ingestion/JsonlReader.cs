using System.Text.Json;
using PractitionerBot.Knowledge.Model;

namespace PractitionerBot.Knowledge.Ingestion;

/// <summary>
/// BEIR-style records, one JSON object per line: <c>_id</c>, <c>title</c>, <c>text</c>, and optionally
/// <c>workingGroups</c>, <c>year</c>, <c>url</c>. A bad line is reported and the rest of the file is read.
/// </summary>
public sealed class JsonlReader(IReadOnlySet<string> knownGroups) : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".jsonl"];

    public IEnumerable<CorpusDocument> Read(string path, DocumentMetadata defaults, ICollection<SkippedFile> skipped)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            CorpusDocument? document = null;
            try
            {
                document = Parse(line);
            }
            catch (Exception ex) when (ex is JsonException or CorpusFormatException or InvalidOperationException)
            {
                skipped.Add(new SkippedFile($"{path}:{lineNumber}", ex.Message));
            }
            if (document is not null) yield return document;
        }
    }

    private CorpusDocument Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new CorpusFormatException("the line is not a JSON object");
        var id = root.TryGetProperty("_id", out var idElement) ? idElement.ToString() : null;
        if (string.IsNullOrWhiteSpace(id)) throw new CorpusFormatException("'_id' is missing");
        var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
        var text = root.TryGetProperty("text", out var x) && x.ValueKind == JsonValueKind.String ? x.GetString()! : "";
        var metadata = new DocumentMetadata
        {
            Id = id,
            Title = string.IsNullOrWhiteSpace(title) ? $"Document {id}" : title,
            WorkingGroups = root.TryGetProperty("workingGroups", out var g) && g.ValueKind == JsonValueKind.Array
                ? g.EnumerateArray().Select(e => e.ToString()).ToList() : [],
            Year = root.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number ? y.GetInt32() : null,
            Type = "paper",
            Language = "en",
            Source = root.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String
                ? new DocumentMetadata.SourceMetadata { Url = u.GetString() } : null,
        };
        var body = string.IsNullOrWhiteSpace(text) ? title : text;
        return metadata.ToDocument(id, metadata.Title, [new DocumentSection("", TextUtil.Normalize(body))], knownGroups, requireFullMetadata: false);
    }
}
