using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;
using YamlDotNet.RepresentationModel;
using PractitionerBot.Yaml;

namespace PractitionerBot.Cli.Announcements;

/// <summary>An announcement file as a JSON object (<see cref="YamlJson"/>), with errors that name the file and line.</summary>
internal static class YamlToJson
{
    public static JsonObject ReadObject(string path)
    {
        if (!File.Exists(path)) throw new CliException($"file not found: {path}");
        var stream = new YamlStream();
        try
        {
            using var reader = File.OpenText(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new CliException($"{path} line {ex.Start.Line}: malformed YAML: {ex.Message}");
        }
        // YamlDotNet's scanner fails this way, without a position, when the file ends inside a [ ] or { }.
        catch (InvalidOperationException)
        {
            throw new CliException(UnclosedAt(path) is { } line
                ? $"{path} line {line}: malformed YAML: this [ or {{ is never closed"
                : $"{path}: malformed YAML: the file ends in the middle of a value");
        }
        return stream.Documents switch
        {
            [] => throw new CliException($"{path} is empty: write the announcement's fields as YAML keys (kind: event, title: ...)"),
            [{ RootNode: YamlMappingNode root }] => Convert(root, path),
            [var document] => throw new CliException(
                $"{path} line {document.RootNode.Start.Line}: the announcement must be a YAML mapping of fields (kind: event, title: ...), not a {YamlJson.Describe(document.RootNode)}"),
            var documents => throw new CliException($"{path} holds {documents.Count} YAML documents: write one announcement per file"),
        };
    }

    private static JsonObject Convert(YamlMappingNode root, string path)
    {
        try
        {
            return YamlJson.ToJson(root);
        }
        catch (YamlJsonException ex)
        {
            throw new CliException($"{path} line {ex.Start.Line}: {ex.Message}");
        }
    }

    /// <summary>The line of the innermost [ or { that the file never closes.</summary>
    private static long? UnclosedAt(string path)
    {
        var open = new Stack<long>();
        using var reader = File.OpenText(path);
        var scanner = new Scanner(reader);
        try
        {
            while (scanner.MoveNext())
            {
                if (scanner.Current is FlowSequenceStart or FlowMappingStart) open.Push(scanner.Current.Start.Line);
                else if (scanner.Current is FlowSequenceEnd or FlowMappingEnd && open.Count > 0) open.Pop();
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or YamlException)
        {
            // Where it stops is the point: what is still open then was never closed.
        }
        return open.Count > 0 ? open.Peek() : null;
    }
}
