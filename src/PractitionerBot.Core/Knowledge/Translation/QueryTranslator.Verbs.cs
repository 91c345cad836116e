using Lucene.Net.Analysis;

namespace PractitionerBot.Knowledge.Translation;

/// <summary>
/// The finite verb of a German or Dutch clause, read as a verb. Light stemming leaves <i>vraag</i> (I ask) the noun
/// <i>vraag</i> (question), and a separable verb is split across the clause: <i>Hoe vraag ik een VOG aan</i> is
/// <i>aanvragen</i> (apply for), <i>Wie gehen wir damit um</i> is <i>umgehen</i>. The verb is found where word order puts it:
/// next to the subject pronoun (<i>wie gehe ich</i>, <i>ik begeleid</i>); its infinitive is looked up, with the particle the
/// clause ends on first.
/// </summary>
public sealed partial class QueryTranslator
{
    private sealed record VerbReading(IReadOnlyList<string> English, int? Particle);

    private static readonly Dictionary<string, HashSet<string>> SubjectPronouns = new()
    {
        ["de"] = ["ich", "du", "er", "sie", "es", "wir", "ihr", "man"],
        ["nl"] = ["ik", "je", "jij", "u", "hij", "zij", "ze", "we", "wij", "jullie", "men"],
    };

    /// <summary>Separable verb particles.</summary>
    private static readonly Dictionary<string, HashSet<string>> Particles = new()
    {
        ["de"] = ["ab", "an", "auf", "aus", "bei", "ein", "fest", "her", "hin", "los", "mit", "nach", "vor", "weg", "zu", "zurück", "zusammen", "um", "durch", "weiter", "vorbei", "heraus", "hinein"],
        ["nl"] = ["aan", "af", "bij", "door", "in", "mee", "na", "om", "op", "over", "terug", "toe", "uit", "voor", "weg", "vast", "los", "samen", "langs", "weer"],
    };

    /// <summary>Words that start a new clause: the particle of one clause is not looked for in the next.</summary>
    private static readonly Dictionary<string, HashSet<string>> ClauseWords = new()
    {
        ["de"] = ["aber", "dass", "weil", "wenn", "ob", "obwohl", "während", "bevor", "nachdem", "sodass", "denn"],
        ["nl"] = ["maar", "omdat", "wanneer", "terwijl", "voordat", "nadat", "zodat", "want", "hoewel"],
    };

    /// <summary>Dutch prepositions that may follow a particle in the clause (<i>vraag ik een VOG aan voor ...</i>).</summary>
    private static readonly HashSet<string> DutchPrepositions =
        ["voor", "met", "naar", "bij", "van", "in", "op", "over", "aan", "om", "tegen", "zonder", "door", "na", "tot", "uit", "vanuit", "tijdens"];

    private sealed record Token(string Text, int Start, bool ClauseStart);

    private static readonly System.Buffers.SearchValues<char> ClauseMarks = System.Buffers.SearchValues.Create(".,;:!?()\n");

    /// <summary>The verb readings of a question's finite verbs, by the offset of the verb.</summary>
    private Dictionary<int, VerbReading> Verbs(string language, Analyzer analyzer, string text, List<Position> positions)
    {
        var verbs = new Dictionary<int, VerbReading>();
        if (!SubjectPronouns.TryGetValue(language, out var pronouns)) return verbs;
        var tokens = Tokens(language, text);
        var analysedAt = positions.Select(p => p.Start).ToHashSet();
        for (var t = 0; t < tokens.Count; t++)
        {
            if (!pronouns.Contains(tokens[t].Text)) continue;
            // wie gehe ich / hoe vraag ik: the verb before the pronoun; ich arbeite / ik begeleid: after a clause's first word.
            int? verb = t > 0 && !tokens[t].ClauseStart ? t - 1 : tokens[t].ClauseStart && t + 1 < tokens.Count ? t + 1 : null;
            if (verb is not { } v || !analysedAt.Contains(tokens[v].Start) || verbs.ContainsKey(tokens[v].Start)) continue;
            if (VerbReadingOf(language, analyzer, tokens, v) is { } reading) verbs[tokens[v].Start] = reading;
        }
        return verbs;
    }

    private VerbReading? VerbReadingOf(string language, Analyzer analyzer, List<Token> tokens, int verb)
    {
        var infinitives = Infinitives(language, tokens[verb].Text).ToList();
        // The clause's particle: its last word, or in Dutch a particle before a preposition (vraag ik een VOG aan voor ...).
        var end = verb + 1;
        while (end < tokens.Count && !tokens[end].ClauseStart) end++;
        for (var p = end - 1; p > verb; p--)
        {
            if (!Particles[language].Contains(tokens[p].Text)) continue;
            var last = p == end - 1;
            if (!last && !(language == "nl" && DutchPrepositions.Contains(tokens[p + 1].Text))) continue;
            foreach (var infinitive in infinitives)
                if (Lookup(language, analyzer, tokens[p].Text + infinitive) is { } separable) return new VerbReading(separable, tokens[p].Start);
        }
        foreach (var infinitive in infinitives)
            if (Lookup(language, analyzer, infinitive) is { } english) return new VerbReading(english, null);
        return null;
    }

    /// <summary>A word's renderings from the field lexicon or, failing that, the general dictionary.</summary>
    private IReadOnlyList<string>? Lookup(string language, Analyzer analyzer, string word) =>
        _entries[language].TryGetValue(word, out var entry) ? entry : Senses(language, analyzer, word)?.English;

    /// <summary>The infinitives a finite form may come from, likeliest first (vraag: vragen; werkt: werken; melde: melden).</summary>
    private static IEnumerable<string> Infinitives(string language, string verb)
    {
        if (verb.Length < 3) yield break;
        if (verb.EndsWith("en", StringComparison.Ordinal)) yield return verb;
        if (language == "de")
        {
            if (verb.EndsWith('e')) yield return verb + "n";
            foreach (var ending in (string[])["est", "et", "st", "t", "e"])
                if (verb.Length - ending.Length >= 2 && verb.EndsWith(ending, StringComparison.Ordinal))
                {
                    yield return verb[..^ending.Length] + "en";
                    yield return verb[..^ending.Length] + "n";
                }
            yield return verb + "en";
            yield break;
        }
        // Dutch: the stem (ik vraag), or the stem + t (hij werkt).
        var stems = verb.EndsWith('t') && verb.Length > 3 ? new[] { verb, verb[..^1] } : [verb];
        foreach (var stem in stems)
        {
            var last = stem[^1];
            var body = stem[..^1];
            // A long vowel written double before the last consonant is single before -en: vraag, vragen; loop, lopen.
            if (stem.Length >= 3 && !IsVowel(last) && IsVowel(stem[^2]) && stem[^2] == stem[^3])
                yield return stem[..^2] + Voiced(last) + "en";
            // A short vowel keeps its consonant double: zit, zitten; bel, bellen.
            if (stem.Length >= 3 && !IsVowel(last) && IsVowel(stem[^2]) && !IsVowel(stem[^3]))
                yield return stem + last + "en";
            yield return body + Voiced(last) + "en";
            yield return stem + "en";
        }

        static bool IsVowel(char c) => "aeiouy".Contains(c);
        static string Voiced(char c) => c switch { 'f' => "v", 's' => "z", _ => c.ToString() };
    }

    /// <summary>The words of a text in lower case, each marked when it starts a clause (after punctuation or a conjunction).</summary>
    private static List<Token> Tokens(string language, string text)
    {
        var tokens = new List<Token>();
        var previousEnd = 0;
        foreach (var match in Letters().EnumerateMatches(text))
        {
            var word = text.Substring(match.Index, match.Length).ToLowerInvariant();
            var between = text.AsSpan(previousEnd, match.Index - previousEnd);
            var clauseStart = tokens.Count == 0 || between.IndexOfAny(ClauseMarks) >= 0 || ClauseWords[language].Contains(word);
            tokens.Add(new Token(word, match.Index, clauseStart));
            previousEnd = match.Index + match.Length;
        }
        return tokens;
    }
}
