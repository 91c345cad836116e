using System.Globalization;

namespace PractitionerBot.Bench;

/// <summary>One question and its reply: when it was sent and finished (since the load started), the latency, and what came back.</summary>
internal readonly record struct Turn(TimeSpan Started, TimeSpan Finished, TimeSpan Latency, string Outcome);

/// <summary>The figures of one bot under load; turns and latencies count only turns started after the warm-up.</summary>
internal sealed record TurnsResult(
    string Name,
    int Turns,
    double PerSecond,
    double P50,
    double P95,
    double P99,
    double Max,
    int Errors,
    IReadOnlyList<(string Kind, int Count)> Kinds,
    double CpuMsPerTurn,
    long PeakKiB,
    long StartupPeakKiB,
    string LoadBefore,
    string LoadAfter)
{
    public const string Header =
        "| bot | turns | turns/s | p50 ms | p95 ms | p99 ms | max ms | errors | bot CPU ms per turn | peak RSS under load | peak RSS during start-up | load average before / after |\n" +
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";

    /// <summary>Errors are counted over the whole run, warm-up included; replies nobody waited for count as errors too.</summary>
    public static TurnsResult From(string name, IReadOnlyList<Turn> all, TimeSpan warmup, TimeSpan measured, string expected, double cpuMs,
        long peakKiB, long startupPeakKiB, int unmatched, string loadBefore, string loadAfter)
    {
        var ok = all.Where(t => t.Outcome == expected || (expected == "answer" && t.Outcome == "no-answer")).ToList();
        var counted = ok.Where(t => t.Started >= warmup && t.Finished <= warmup + measured).Select(t => t.Latency.TotalMilliseconds).Order().ToList();
        var kinds = all.GroupBy(t => t.Outcome).Select(g => (g.Key, g.Count())).OrderByDescending(k => k.Item2).ToList();
        if (unmatched > 0) kinds.Add(("reply to no waiting activity", unmatched));
        return new TurnsResult(name, counted.Count, counted.Count / measured.TotalSeconds, Percentile(counted, 0.50), Percentile(counted, 0.95),
            Percentile(counted, 0.99), counted.Count > 0 ? counted[^1] : 0, all.Count - ok.Count + unmatched, kinds,
            all.Count > 0 ? cpuMs / all.Count : 0, peakKiB, startupPeakKiB, loadBefore, loadAfter);
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Turns:N0} | {PerSecond:F1} | {P50:F1} | {P95:F1} | {P99:F1} | {Max:F0} | {Errors} | {CpuMsPerTurn:F2} | {PeakKiB / 1024.0:F0} MB | {StartupPeakKiB / 1024.0:F0} MB | {LoadBefore} / {LoadAfter} |");

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
