using System.IO.Compression;
using System.Text;

namespace PractitionerBot.Cli.Teams;

/// <summary>The zip that Teams side-loads: manifest.json and its two icons, all at the root.</summary>
internal static class TeamsAppPackage
{
    public const string ManifestEntry = "manifest.json";

    public static TeamsManifest Write(TeamsAppSettings settings, Stream output)
    {
        var manifest = TeamsManifest.Render(settings);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, ManifestEntry, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(manifest.Json));
        Add(zip, manifest.ColorIcon, Icon("color.png"));
        Add(zip, manifest.OutlineIcon, Icon("outline.png"));
        return manifest;
    }

    /// <summary>
    /// The icons are committed files (Teams/color.png, 192 px, a white speech bubble on the manifest's accentColor;
    /// Teams/outline.png, 32 px, the bubble in white on full transparency), embedded in the CLI.
    /// </summary>
    private static byte[] Icon(string name)
    {
        using var stream = typeof(TeamsAppPackage).Assembly.GetManifestResourceStream("PractitionerBot.Cli.Teams." + name)
            ?? throw new InvalidOperationException($"the CLI was built without its Teams icon {name}");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }
}
