using System.Globalization;
using System.Text;

namespace PractitionerBot.Dialogs;

/// <summary>
/// Matches what a member typed to the options of a step: by value, by title in any language, by
/// synonym or by number; case and accents do not matter, and small typos are forgiven.
/// </summary>
public static class ChoiceMatcher
{
    public sealed record Option(string Value, IReadOnlyList<string> Names);

    public static string? Match(string input, IReadOnlyList<Option> options)
    {
        var typed = Fold(input);
        if (typed.Length == 0) return null;
        if (int.TryParse(typed, out var number) && number >= 1 && number <= options.Count) return options[number - 1].Value;

        var exact = options.Where(o => o.Names.Any(n => Fold(n) == typed)).ToList();
        if (exact.Count == 1) return exact[0].Value;

        if (typed.Length >= 3)
        {
            var prefix = options.Where(o => o.Names.Any(n => Fold(n).StartsWith(typed, StringComparison.Ordinal))).ToList();
            if (prefix.Count == 1) return prefix[0].Value;
        }

        // Small typos: the closest name within one edit (short words) or two (longer ones), if only one option is that close.
        var maxEdits = typed.Length < 4 ? 0 : typed.Length < 7 ? 1 : 2;
        if (maxEdits == 0) return null;
        var scored = options
            .Select(o => (o.Value, Distance: o.Names.Min(n => Distance(Fold(n), typed))))
            .Where(x => x.Distance <= maxEdits)
            .OrderBy(x => x.Distance)
            .ToList();
        if (scored.Count == 0) return null;
        return scored.Count == 1 || scored[0].Distance < scored[1].Distance ? scored[0].Value : null;
    }

    /// <summary>Several answers typed in one message: "education, police and exit".</summary>
    public static IEnumerable<string> SplitMany(string input) =>
        input.Split([",", ";", "\n", " and ", " et ", " und ", " en ", "&"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString().Trim('.', '!', '?', ' ');
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2) return 99;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
