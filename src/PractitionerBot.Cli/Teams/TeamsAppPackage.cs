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
        Add(zip, manifest.ColorIcon, TeamsIcons.Color(manifest.AccentColor));
        Add(zip, manifest.OutlineIcon, TeamsIcons.Outline());
        return manifest;
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }
}
