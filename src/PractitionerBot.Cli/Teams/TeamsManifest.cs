using System.Text.Json;
using System.Text.Json.Nodes;

namespace PractitionerBot.Cli.Teams;

/// <summary>What differs between deployments of the bot; everything else lives in manifest.template.json.</summary>
internal sealed record TeamsAppSettings(Guid AppId, string ShortName, string FullName, Uri DeveloperUrl);

/// <summary>The Teams app manifest: the embedded template with this deployment's values put in.</summary>
internal sealed class TeamsManifest
{
    private const string TemplateResource = "PractitionerBot.Cli.Teams.manifest.template.json";

    private readonly JsonNode _root;

    private TeamsManifest(string json, JsonNode root) => (Json, _root) = (json, root);

    /// <summary>The manifest as written to the package, laid out as in the template.</summary>
    public string Json { get; }

    public string ManifestVersion => _root["manifestVersion"]!.GetValue<string>();
    public string AccentColor => _root["accentColor"]!.GetValue<string>();
    public string ColorIcon => _root["icons"]!["color"]!.GetValue<string>();
    public string OutlineIcon => _root["icons"]!["outline"]!.GetValue<string>();

    public static TeamsManifest Render(TeamsAppSettings settings)
    {
        var values = new Dictionary<string, string>
        {
            ["appId"] = settings.AppId.ToString("D"),
            ["shortName"] = settings.ShortName,
            ["fullName"] = settings.FullName,
            ["websiteUrl"] = settings.DeveloperUrl.AbsoluteUri,
            ["privacyUrl"] = new Uri(settings.DeveloperUrl, "privacy").AbsoluteUri,
            ["termsOfUseUrl"] = new Uri(settings.DeveloperUrl, "terms").AbsoluteUri,
        };
        // Text substitution keeps the template's layout in the package; values are JSON-escaped, so a name
        // with a quote cannot break the document.
        var json = values.Aggregate(ReadTemplate(), (text, value) =>
            text.Replace("{{" + value.Key + "}}", JsonEncodedText.Encode(value.Value).ToString(), StringComparison.Ordinal));
        if (json.Contains("{{", StringComparison.Ordinal))
            throw new InvalidOperationException("manifest.template.json has a placeholder that TeamsManifest does not fill");
        return new TeamsManifest(json, JsonNode.Parse(json)!);
    }

    private static string ReadTemplate()
    {
        using var stream = typeof(TeamsManifest).Assembly.GetManifestResourceStream(TemplateResource)
                           ?? throw new InvalidOperationException($"embedded resource {TemplateResource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
