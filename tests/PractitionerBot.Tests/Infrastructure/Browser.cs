using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>Runs a script of tests/browser (playwright-core driving Debian's Chromium at /usr/bin/chromium) and returns its JSON report.</summary>
public static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "browser");

    /// <summary>Where screenshots go: the test output folder (kept as test artefacts, never committed).</summary>
    public static string Screenshots(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static async Task<JsonObject> RunAsync(string script, JsonObject input)
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"Chromium is not installed at {Chromium}: apt-get install -y chromium (.ci/run does).");
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "playwright-core")))
            throw new InvalidOperationException("playwright-core is not installed: run 'npm ci' in tests/browser (.ci/run and the test build do).");
        var start = new ProcessStartInfo("node", [Path.Combine(Folder, script)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input.ToJsonString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {await error}");
        return JsonNode.Parse(await output)!.AsObject();
    }
}
