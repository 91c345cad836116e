using System.Text.Json;

namespace PractitionerBot.WorkingGroups;

/// <summary>A text and the group it belongs to; <see cref="Also"/> lists groups that fit it too.</summary>
public sealed record RoutingCase(string Text, string Expected, IReadOnlyList<string>? Also, string Kind);

public sealed record RoutingScores(double Top1, double Top3, double Top1WithAlso, int Cases, IReadOnlyList<(RoutingCase Case, IReadOnlyList<string> Got)> Misses);

public static class RoutingGoldenSet
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<RoutingCase> Load(string folder) =>
        Directory.EnumerateFiles(folder, "routing-*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<RoutingCase>(line, Json) ?? throw new InvalidDataException($"bad routing line: {line}"))
            .ToList();

    public static RoutingScores Evaluate(WorkingGroupRouter router, IReadOnlyList<RoutingCase> cases)
    {
        int top1 = 0, top3 = 0, lenient = 0;
        var misses = new List<(RoutingCase, IReadOnlyList<string>)>();
        foreach (var c in cases)
        {
            var ids = router.Route(c.Text).Ranked.Select(s => s.Group.Id).ToList();
            if (ids[0] == c.Expected) top1++;
            else misses.Add((c, ids.Take(3).ToList()));
            if (ids.Take(3).Contains(c.Expected)) top3++;
            if (ids[0] == c.Expected || (c.Also ?? []).Contains(ids[0])) lenient++;
        }
        var n = Math.Max(1, cases.Count);
        return new RoutingScores((double)top1 / n, (double)top3 / n, (double)lenient / n, cases.Count, misses);
    }
}
