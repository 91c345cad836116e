using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>Validates cards with the official Adaptive Cards JS SDK (tests/card-validator, installed by .ci/run).</summary>
public static class CardValidator
{
    public static async Task<IReadOnlyList<string>> ErrorsAsync(JsonObject card) => (await ErrorsAsync([card]))[0];

    public static async Task<IReadOnlyList<IReadOnlyList<string>>> ErrorsAsync(IReadOnlyList<JsonObject> cards)
    {
        var script = Path.Combine(RepoPaths.CardValidator, "validate.js");
        if (!Directory.Exists(Path.Combine(RepoPaths.CardValidator, "node_modules", "adaptivecards")))
            throw new InvalidOperationException("The Adaptive Cards JS SDK is not installed: run 'npm ci' in tests/card-validator (.ci/run does).");
        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.CardValidator,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Both pipes are read from the start, together: a process that fills one while the other is awaited never ends.
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardInput.WriteAsync(new JsonArray(cards.Select(c => (JsonNode)c.DeepClone()).ToArray()).ToJsonString());
        process.StandardInput.Close();
        await Task.WhenAll(output, error);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"card validator failed ({process.ExitCode}): {await error}");
        return JsonNode.Parse(await output)!.AsArray()
            .Select(r => (IReadOnlyList<string>)r!["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList())
            .ToList();
    }
}
