namespace PractitionerBot.Tests.Infrastructure;

public static class RepoPaths
{
    public static readonly string Root = FindRoot();

    public static string Corpus => Path.Combine(Root, "index", "corpus");
    public static string WorkingGroups => Path.Combine(Root, "index", "working-groups.yaml");
    public static string Golden => Path.Combine(Root, "tests", "PractitionerBot.Tests", "Data", "golden");
    public static string CardValidator => Path.Combine(Root, "tests", "card-validator");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PractitionerBot.sln"))) return dir.FullName;
        throw new InvalidOperationException("PractitionerBot.sln not found above the test output folder");
    }
}

/// <summary>A temporary folder deleted when the test ends.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pbtest-" + Guid.NewGuid().ToString("N")[..12]);

    public TempDir() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
