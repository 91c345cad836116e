using PractitionerBot.Cli.Teams;

namespace PractitionerBot.Cli.Commands;

/// <summary>Builds the Teams app package (manifest and icons) to side-load or publish the bot.</summary>
internal static class PackageCommand
{
    private const string DefaultName = "PractitionerBot";
    private const string DefaultDeveloperUrl = "https://practitionerbot.example.org/";

    // Limits of the manifest schema: name.short is at most 30 characters.
    private const int MaxShortName = 30;

    public static int Run(CliArgs args, TextWriter stdout)
    {
        args.AllowOnly("--app-id", "--out", "--name", "--developer-url");
        var name = Name(args);
        var settings = new TeamsAppSettings(
            AppId(args.Require("--app-id")), name, $"{name} for RAN practitioners", DeveloperUrl(args.Get("--developer-url") ?? DefaultDeveloperUrl));
        var output = Path.GetFullPath(args.Require("--out"));

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        TeamsManifest manifest;
        using (var file = File.Create(output)) manifest = TeamsAppPackage.Write(settings, file);

        stdout.WriteLine($"Teams app package: {output}");
        stdout.WriteLine($"Manifest:          {manifest.ManifestVersion}, app id {settings.AppId:D}, name '{settings.ShortName}'");
        stdout.WriteLine("Side-load it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app.");
        return 0;
    }

    private static Guid AppId(string text) =>
        // Teams wants the 8-4-4-4-12 form; braces or a bare 32-digit string would fail its validation later.
        Guid.TryParseExact(text, "D", out var id)
            ? id
            : throw new CliException($"option --app-id takes the bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000, not '{text}'");

    private static string Name(CliArgs args)
    {
        var name = (args.Get("--name") ?? DefaultName).Trim();
        if (name.Length is 0 or > MaxShortName)
            throw new CliException($"option --name takes 1 to {MaxShortName} characters (Teams' limit for an app's short name), not '{name}'");
        return name;
    }

    private static Uri DeveloperUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            throw new CliException($"option --developer-url takes an https:// address, not '{text}'");
        // The privacy and terms pages sit under it, so it must end in '/' to be a base for them.
        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url.GetLeftPart(UriPartial.Path) + "/");
    }
}
