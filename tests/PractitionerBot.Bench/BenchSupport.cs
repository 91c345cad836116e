using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PractitionerBot.Bench;

/// <summary>What every bench needs: options, the repository root, free ports, the bot as a child process, and the report section.</summary>
internal static class BenchSupport
{
    public static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>Every value of an option that may be given more than once (<c>--set A=1 --set B=2</c>).</summary>
    public static IEnumerable<string> Options(string[] args, string name)
    {
        for (var i = 0; i + 1 < args.Length; i++)
            if (args[i] == name) yield return args[i + 1];
    }

    public static string Configuration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The bot's own dll, built in the same configuration as the bench.</summary>
    public static string BotDll(string root)
    {
        var dll = Path.Combine(root, "src", "PractitionerBot", "bin", Configuration(), "net10.0", "PractitionerBot.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the bot first: {dll}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PractitionerBot.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("PractitionerBot.sln not found");
    }

    /// <summary>Starts <c>dotnet DLL ARGS</c> from the repository root; its output is drained, start-up errors are shown.</summary>
    public static Process StartBot(string dll, string root, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("cannot start", StringComparison.Ordinal)) Console.Error.WriteLine(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitReadyAsync(HttpClient http) => await WaitReadyAsync(http, mode: null, TimeSpan.FromSeconds(30));

    /// <summary>
    /// Waits until <c>/healthz</c> answers 200 and, when <paramref name="mode"/> is given, reports that search mode
    /// (<c>hybrid</c>: the passages are embedded, the state a running bot keeps).
    /// </summary>
    public static async Task WaitReadyAsync(HttpClient http, string? mode, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK
                    && (mode is null || (await response.Content.ReadAsStringAsync()).Contains($"\"mode\":\"{mode}\"", StringComparison.Ordinal))) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException(mode is null ? "the bot did not become ready" : $"the bot did not reach {mode} mode within {timeout.TotalSeconds:0} s");
    }

    /// <summary>A bare web app on a loopback port, without logging: the mock Bot Connectors the benches run.</summary>
    public static Microsoft.AspNetCore.Builder.WebApplication LoopbackApp(int port)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions.UseUrls(builder.WebHost, $"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>Replaces the text between the two markers, or appends the section when the markers are not there yet.</summary>
    public static void WriteSection(string output, string start, string end, string section)
    {
        var text = File.Exists(output) ? File.ReadAllText(output) : "# Benchmarks\n";
        var a = text.IndexOf(start, StringComparison.Ordinal);
        var b = text.IndexOf(end, StringComparison.Ordinal);
        File.WriteAllText(output, a >= 0 && b > a ? text[..a] + section + text[(b + end.Length)..] : text.TrimEnd() + "\n\n" + section + "\n");
    }
}
