using Lucene.Net.Analysis;

namespace PractitionerBot.Knowledge.Translation;

public sealed partial class QueryTranslator
{
    /// <summary>Compounds are split from this length on.</summary>
    private const int MinCompound = 8;

    /// <summary>Longer words are not read as compounds: each piece of a word is looked up, so the cost grows with its square.</summary>
    private const int MaxCompound = 40;

    private const int MinCompoundPart = 3;

    private const int MinEverydayPart = 5;

    /// <summary>What may join two words of a compound (Radikalisierung-s-prävention, ouder-s-avond, schule-n-...).</summary>
    private static readonly Dictionary<string, string[]> Links = new()
    {
        ["de"] = ["s", "es", "n", "en", "er", "e"],
        ["nl"] = ["s", "en", "e"],
    };

    private sealed record CompoundPart(string Part, string Stem, IReadOnlyList<string> English, bool Field);

    /// <summary>
    /// A German or Dutch compound that neither dictionary knows whole, as the fewest words that cover it from end to end
    /// (joined by a linking s, e or en), each a word of the field lexicon or the general dictionary; more field words first.
    /// Null when no such reading covers the whole word: then the field words found inside it stand for it.
    /// </summary>
    /// <param name="known">The pieces looked up so far in this question: a long message repeats its words.</param>
    private List<CompoundPart>? Segment(string language, Analyzer analyzer, string surface, Dictionary<string, CompoundPart?> known)
    {
        if (!Links.TryGetValue(language, out var links) || surface.Length is < MinCompound or > MaxCompound || !surface.All(char.IsLetter)) return null;
        var word = surface.ToLowerInvariant();
        CompoundPart? Known(string part)
        {
            if (known.TryGetValue(part, out var found)) return found;
            // A short everyday word inside a longer one is more often chance than a part (Sol-ingen): short parts are the field's.
            return known[part] = Senses(language, analyzer, part, MinEverydayPart) is { } senses
                ? new CompoundPart(part, senses.Stem, senses.English, senses.Field) : null;
        }
        // best[i]: the fewest parts covering word[..i], then the most field words.
        var best = new (int Parts, int Field, int From, CompoundPart? Segment)[word.Length + 1];
        for (var i = 1; i <= word.Length; i++) best[i] = (int.MaxValue, 0, -1, null);
        for (var i = MinCompoundPart; i <= word.Length; i++)
            for (var j = 0; j <= i - MinCompoundPart; j++)
            {
                if (best[j].Parts == int.MaxValue || (j == 0 && i == word.Length)) continue;
                var piece = word[j..i];
                var segment = Known(piece);
                if (segment is null && i < word.Length)
                    foreach (var link in links)
                        if (piece.Length - link.Length >= MinCompoundPart && piece.EndsWith(link, StringComparison.Ordinal)
                            && Known(piece[..^link.Length]) is { } joined)
                        {
                            segment = joined;
                            break;
                        }
                if (segment is null) continue;
                var candidate = (Parts: best[j].Parts + 1, Field: best[j].Field + (segment.Field ? 1 : 0), From: j, Segment: segment);
                if (candidate.Parts < best[i].Parts || (candidate.Parts == best[i].Parts && candidate.Field > best[i].Field)) best[i] = candidate;
            }
        if (best[word.Length].Parts == int.MaxValue) return null;
        var segments = new List<CompoundPart>();
        for (var i = word.Length; i > 0; i = best[i].From) segments.Add(best[i].Segment!);
        segments.Reverse();
        return segments;
    }
}
