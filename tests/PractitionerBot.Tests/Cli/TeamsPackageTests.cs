using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PractitionerBot.Cli;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Cli;

/// <summary>'package teams': the zip a Teams admin side-loads, checked against Microsoft's published manifest schema.</summary>
public sealed class TeamsPackageTests : IDisposable
{
    private const string AppId = "6f1c2b1e-7d3a-4c55-9a0e-2b8f4e1d9c70";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task PackageTeams_WritesExactlyTheManifestAndTwoIcons()
    {
        var (code, output, _) = await RunAsync("package", "teams", "--app-id", AppId, "--out", _dir.File("app.zip"));

        Assert.Equal(0, code);
        Assert.Contains(_dir.File("app.zip"), output);
        using var zip = ZipFile.OpenRead(_dir.File("app.zip"));
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PackageTeams_ManifestValidatesAgainstMicrosoftsPublishedSchema()
    {
        var (manifestJson, manifest) = await PackageAsync();
        var version = manifest["manifestVersion"]!.GetValue<string>();

        Assert.Equal($"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>());
        Assert.True(new Version(version) >= new Version(1, 19), $"manifest version {version} is older than 1.19");
        AssertValid(ManifestSchema(version), manifestJson);
    }

    [Fact]
    public async Task ManifestSchema_RejectsABrokenManifest()
    {
        // Guards the check above: a schema that loaded without its rules would pass anything.
        var (_, manifest) = await PackageAsync();
        var schema = ManifestSchema(manifest["manifestVersion"]!.GetValue<string>());
        manifest["bots"]![0]!["botId"] = "not-a-guid";
        manifest["description"]!["short"] = new string('x', 81);

        var result = schema.Evaluate(JsonDocument.Parse(manifest.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task PackageTeams_BotIdIsTheAppIdInPersonalTeamAndGroupChat()
    {
        var (_, manifest) = await PackageAsync();

        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal(AppId, bot["botId"]!.GetValue<string>());
        Assert.Equal(["personal", "team", "groupChat"], Strings(bot["scopes"]));
        Assert.False(bot["supportsFiles"]!.GetValue<bool>());
        var lists = bot["commandLists"]!.AsArray();
        Assert.Equal(["personal", "team", "groupChat"], lists.Select(l => Assert.Single(Strings(l!["scopes"]))));
        Assert.All(lists, l => Assert.Equal(
            ["help", "groups", "which group is for me?", "profile", "forget me"],
            l!["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>())));
        Assert.Equal(["identity", "messageTeamMembers"], Strings(manifest["permissions"]));
    }

    [Fact]
    public async Task PackageTeams_ByDefault_NamesTheBotAndUsesTheExampleDeveloperSite()
    {
        var (_, manifest) = await PackageAsync();

        Assert.Equal("PractitionerBot", manifest["name"]!["short"]!.GetValue<string>());
        Assert.Equal("PractitionerBot for RAN practitioners", manifest["name"]!["full"]!.GetValue<string>());
        Assert.Equal("PractitionerBot team", manifest["developer"]!["name"]!.GetValue<string>());
        Assert.Equal("https://practitionerbot.example.org/", manifest["developer"]!["websiteUrl"]!.GetValue<string>());
        Assert.Equal("https://practitionerbot.example.org/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.Equal("https://practitionerbot.example.org/terms", manifest["developer"]!["termsOfUseUrl"]!.GetValue<string>());
        Assert.Equal("1.0.0", manifest["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task PackageTeams_WithNameAndDeveloperUrl_PutsThemInTheManifest()
    {
        var (manifestJson, manifest) = await PackageAsync("--name", "PractitionerBot \"test\"", "--developer-url", "https://ran.example.eu/bot");

        Assert.Equal("PractitionerBot \"test\"", manifest["name"]!["short"]!.GetValue<string>());
        Assert.Equal("PractitionerBot \"test\" for RAN practitioners", manifest["name"]!["full"]!.GetValue<string>());
        Assert.Equal("https://ran.example.eu/bot/", manifest["developer"]!["websiteUrl"]!.GetValue<string>());
        Assert.Equal("https://ran.example.eu/bot/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.Equal("https://ran.example.eu/bot/terms", manifest["developer"]!["termsOfUseUrl"]!.GetValue<string>());
        AssertValid(ManifestSchema(manifest["manifestVersion"]!.GetValue<string>()), manifestJson);
    }

    [Fact]
    public async Task PackageTeams_IconsHaveTheSizesTeamsRequires()
    {
        await PackageAsync();
        using var zip = ZipFile.OpenRead(_dir.File("app.zip"));

        var color = PngImage.Read(Entry(zip, "color.png"));
        var outline = PngImage.Read(Entry(zip, "outline.png"));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
    }

    [Fact]
    public async Task PackageTeams_OutlineIconIsOnlyWhiteOnFullTransparency()
    {
        await PackageAsync();
        using var zip = ZipFile.OpenRead(_dir.File("app.zip"));
        var outline = PngImage.Read(Entry(zip, "outline.png"));

        Assert.All(outline.Pixels(), p => Assert.True(p.A == 0 || p == (255, 255, 255, 255), $"pixel {p} is neither opaque white nor fully transparent"));
        var opaque = outline.Pixels().Count(p => p.A == 255);
        Assert.InRange(opaque, 32 * 32 / 5, 32 * 32 * 4 / 5);
    }

    [Fact]
    public async Task PackageTeams_ColorIconIsOpaqueWithTheAccentColourAndAWhiteMark()
    {
        var (_, manifest) = await PackageAsync();
        using var zip = ZipFile.OpenRead(_dir.File("app.zip"));
        var color = PngImage.Read(Entry(zip, "color.png"));

        var accent = Convert.FromHexString(manifest["accentColor"]!.GetValue<string>()[1..]);
        Assert.All(color.Pixels(), p => Assert.Equal(255, p.A));
        Assert.Equal((accent[0], accent[1], accent[2], (byte)255), color[0, 0]);
        Assert.Contains(color.Pixels(), p => p == (255, 255, 255, 255));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("6f1c2b1e7d3a4c559a0e2b8f4e1d9c70")]
    [InlineData("{6f1c2b1e-7d3a-4c55-9a0e-2b8f4e1d9c70}")]
    public async Task PackageTeams_WithAnAppIdThatIsNotAGuid_ExitsTwoAndSaysWhy(string appId)
    {
        var (code, _, error) = await RunAsync("package", "teams", "--app-id", appId, "--out", _dir.File("app.zip"));

        Assert.Equal(2, code);
        Assert.Contains("--app-id", error);
        Assert.Contains("GUID", error);
        Assert.False(File.Exists(_dir.File("app.zip")));
    }

    [Theory]
    [InlineData("--out", "x.zip")]
    [InlineData("--app-id", AppId)]
    [InlineData("--app-id", AppId, "--out", "x.zip", "--colour", "red")]
    [InlineData("--app-id", AppId, "--out", "x.zip", "--developer-url", "http://insecure.example.org/")]
    [InlineData("--app-id", AppId, "--out", "x.zip", "--name", "A name far longer than thirty characters")]
    public async Task PackageTeams_WithMissingOrBadOptions_ExitsTwoWithAMessage(params string[] options)
    {
        var (code, _, error) = await RunAsync(["package", "teams", .. options]);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
    }

    [Fact]
    public async Task Help_ListsThePackageCommand()
    {
        var (code, output, _) = await RunAsync("help");

        Assert.Equal(0, code);
        Assert.Contains("package teams --app-id GUID --out FILE.zip", output);
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliProgram.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Builds app.zip in the temp folder and returns its manifest, as text and parsed.</summary>
    private async Task<(string Json, JsonNode Manifest)> PackageAsync(params string[] options)
    {
        var (code, _, error) = await RunAsync(["package", "teams", "--app-id", AppId, "--out", _dir.File("app.zip"), .. options]);
        Assert.True(code == 0, error);
        using var zip = ZipFile.OpenRead(_dir.File("app.zip"));
        var json = System.Text.Encoding.UTF8.GetString(Entry(zip, "manifest.json"));
        return (json, JsonNode.Parse(json)!);
    }

    private static byte[] Entry(ZipArchive zip, string name)
    {
        using var stream = (zip.GetEntry(name) ?? throw new FileNotFoundException($"{name} is not in the package")).Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());

    /// <summary>The manifest schema for one version, from the npm package @microsoft/app-manifest (nothing is fetched).</summary>
    private static JsonSchema ManifestSchema(string version)
    {
        var path = Path.Combine(RepoPaths.CardValidator, "node_modules", "@microsoft", "app-manifest", "build", "json-schemas", "teams", $"v{version}", "MicrosoftTeams.schema.json");
        Assert.True(File.Exists(path), $"{path} is missing: run 'npm ci' in tests/card-validator");
        var schema = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        // Microsoft's file declares draft-04, which JsonSchema.Net does not implement. It uses none of the keywords
        // whose meaning changed after draft-04 (no 'id', no boolean exclusiveMinimum/Maximum) and all its $refs are
        // local, so draft-07 reads it the same way, and also enforces the 'const' that pins manifestVersion.
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(schema.ToJsonString());
    }

    private static void AssertValid(JsonSchema schema, string json)
    {
        var result = schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, "manifest.json does not match Microsoft's schema:\n" + string.Join("\n", errors));
    }
}
