using System.Diagnostics;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>
/// A real, small file system (a tmpfs of a few megabytes) that a test can fill to the last byte, to see what the bot
/// does when its disk is full. Mounting needs root, as in CI; elsewhere the tests that need it are skipped with the reason.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    /// <summary>Why a small disk cannot be mounted here (tried once per run), or null when it can.</summary>
    public static string? SkipReason => Probe.Value;

    private static readonly Lazy<string?> Probe = new(() =>
    {
        if (Environment.UserName != "root") return "needs root to mount a small tmpfs (the disk-full test); CI runs as root";
        try
        {
            Mount(1).Dispose();
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"cannot mount a small tmpfs here ({ex.Message})";
        }
    });

    public static SmallDisk Mount(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("pb-smalldisk-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Writes a filler file until the file system refuses another byte; returns its path.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        foreach (var size in new[] { 256 * 1024, 4096, 1 })
        {
            var chunk = new byte[size];
            try
            {
                while (true) stream.Write(chunk);
            }
            catch (IOException)
            {
                // full at this chunk size: go on with a smaller one
            }
        }
        return filler;
    }

    public void Dispose()
    {
        try
        {
            Run("umount", "-l", Path);
            Directory.Delete(Path, recursive: true);
        }
        catch (InvalidOperationException)
        {
            // best effort: a leftover empty mount point in /tmp harms nothing
        }
    }

    private static void Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} failed: {error.Trim()}");
    }
}

public sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute() => Skip = SmallDisk.SkipReason;
}
