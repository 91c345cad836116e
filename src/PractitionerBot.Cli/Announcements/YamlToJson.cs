using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;
using YamlDotNet.RepresentationModel;

namespace PractitionerBot.Cli.Announcements;

/// <summary>
/// A YAML file as a JSON object, each scalar typed as YAML 1.2's core schema reads it: plain true/false
/// are booleans, plain numbers are numbers, plain null, ~ or nothing is null; everything else, dates
/// included, is a string holding the text as written.
/// </summary>
internal static partial class YamlToJson
{
    private static readonly TagName StringTag = new("tag:yaml.org,2002:str");

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
            [{ RootNode: YamlMappingNode root }] => Object(root, path),
            [var document] => throw new CliException(
                $"{path} line {document.RootNode.Start.Line}: the announcement must be a YAML mapping of fields (kind: event, title: ...), not a {Describe(document.RootNode)}"),
            var documents => throw new CliException($"{path} holds {documents.Count} YAML documents: write one announcement per file"),
        };
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

    private static JsonNode? Convert(YamlNode node, string path) => node switch
    {
        YamlScalarNode scalar => Scalar(scalar),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(item => Convert(item, path))]),
        YamlMappingNode map => Object(map, path),
        _ => throw new CliException($"{path} line {node.Start.Line}: a {Describe(node)} has no JSON form"),
    };

    private static JsonObject Object(YamlMappingNode map, string path)
    {
        var json = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name })
                throw new CliException($"{path} line {key.Start.Line}: keys must be field names, not a {Describe(key)}");
            json[name] = Convert(value, path);
        }
        return json;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        // Quoted, block (| or >) and !!str scalars are strings, whatever they look like.
        if (scalar.Style != ScalarStyle.Plain || scalar.Tag.Equals(StringTag)) return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            return JsonValue.Create(whole);
        if (Number().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return JsonValue.Create(number);
        return JsonValue.Create(text);
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "list",
        YamlMappingNode => "mapping",
        YamlScalarNode => "single value",
        _ => node.NodeType.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
