using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PractitionerBot.Yaml;

/// <summary>
/// YAML as JSON, each scalar typed as YAML 1.2's core schema reads it: plain true/false are booleans, plain numbers are
/// numbers (64-bit integers, else doubles), plain null, ~ or nothing is null; quoted, block (| or >) and !!str scalars,
/// and everything else, dates included, are strings holding the text as written. The one converter for the dialog
/// flows and the CLI's announcement files.
/// </summary>
public static partial class YamlJson
{
    private static readonly TagName StringTag = new("tag:yaml.org,2002:str");

    /// <exception cref="YamlJsonException">An alias or a key that is not a field name, with where it is.</exception>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Scalar(scalar),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlMappingNode map => ToJson(map),
        _ => throw new YamlJsonException(node.Start, $"a {Describe(node)} has no JSON form"),
    };

    public static JsonObject ToJson(YamlMappingNode map)
    {
        var json = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name })
                throw new YamlJsonException(key.Start, $"keys must be field names, not a {Describe(key)}");
            json[name] = ToJson(value);
        }
        return json;
    }

    public static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
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

    /// <summary>What a node is, in words for an error message.</summary>
    public static string Describe(YamlNode node) => node switch
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

/// <summary>YAML that has no JSON form, at <see cref="Start"/>.</summary>
public sealed class YamlJsonException(Mark start, string message) : Exception(message)
{
    public Mark Start { get; } = start;
}
