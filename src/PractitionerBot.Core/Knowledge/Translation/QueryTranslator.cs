using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Analysis;
using System.Text.RegularExpressions;
using PractitionerBot.Knowledge.Index;

namespace PractitionerBot.Knowledge.Translation;

/// <summary>
/// One word (or phrase) of a French, German or Dutch question: its English alternatives, searched as one concept so
/// that a word with many translations does not outweigh the others, and its own stems for papers in its language.
/// </summary>
/// <param name="Translated">False when the lexicon has no entry: the word is then searched as typed (names, loan words).</param>
public sealed record QueryConcept(string Surface, IReadOnlyList<string> English, IReadOnlyList<string> NativeTerms, bool Translated);

/// <summary>A question read in its language and carried over to English.</summary>
/// <param name="English">
/// The question in English words, in its own order: the first rendering of each concept, with the small words the search
/// drops (articles, pronouns, prepositions, question words) put back from the lexicon. What the meaning model reads: it
/// was trained on sentences, and a bag of field words gets lower cosines from the papers that answer it.
/// </param>
public sealed record TranslatedQuestion(string Language, IReadOnlyList<QueryConcept> Concepts, string English);

/// <summary>
/// Detects the language of a question and, for French, German and Dutch, analyses it in that language and looks its
/// words up: the field lexicon's longest phrase first; an acronym the papers use as typed; a finite verb as a verb, with its
/// separable particle (QueryTranslator.Verbs.cs); the field lexicon's entry an ending apart; the general dictionary's
/// whole word (a compound it knows keeps its own sense); then a compound as the words that cover it
/// (QueryTranslator.Compounds.cs), or failing that the field lexicon's words inside it.
/// </summary>
public sealed partial class QueryTranslator
{
    /// <summary>The longest lexicon phrase looked up, in analysed words.</summary>
    private const int MaxPhrase = 4;

    private readonly LanguageIdentifier _identifier;
    private readonly Dictionary<string, SourceLanguageAnalyzer> _analyzers = [];
    private readonly Dictionary<string, Dictionary<string, List<string>>> _lookup = [];
    /// <summary>The field lexicon's one-word entries by their own form: <i>starten</i> is start, though its stem is <i>start</i>'s (beginning).</summary>
    private readonly Dictionary<string, Dictionary<string, IReadOnlyList<string>>> _entries = [];
    private readonly Dictionary<string, List<string>> _words = [];
    private readonly Dictionary<string, Lazy<GeneralWords>> _general = [];
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Folder, string Language, string Lexicon), Lazy<GeneralWords>> SharedGeneral = new();
    private readonly Dictionary<string, Dictionary<string, string>> _small = [];
    private readonly HashSet<string> _englishWords = new(StringComparer.Ordinal);

    /// <param name="generalDictionaries">
    /// The folder of the installed FreeDict dictionaries (<see cref="FreeDict"/>), read the first time a language
    /// needs them (or at <see cref="LoadGeneral"/>); null: the field lexicon alone.
    /// </param>
    public QueryTranslator(BilingualLexicon lexicon, LanguageIdentifier identifier, string? generalDictionaries = null)
    {
        _identifier = identifier;
        Fingerprint = lexicon.Fingerprint;
        foreach (var language in BilingualLexicon.SourceLanguages)
        {
            var entries = lexicon.EntriesOf(language);
            var parts = new CharArraySet(PractitionerAnalyzer.Version, entries.Count, ignoreCase: true);
            foreach (var e in entries.Where(e => !e.Source.Contains(' ') && e.Source.Length >= 4)) parts.Add(e.Source);
            var analyzer = _analyzers[language] = new SourceLanguageAnalyzer(language, parts);
            var lookup = _lookup[language] = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var small = _small[language] = new Dictionary<string, string>(StringComparer.Ordinal);
            var words = _entries[language] = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var collapsed = new List<(string Key, BilingualLexicon.Entry Entry)>();
            foreach (var entry in entries)
            {
                if (!entry.Source.Contains(' ')) words.TryAdd(entry.Source, entry.English);
                var positions = Positions(analyzer, entry.Source);
                var key = string.Join(' ', positions.Select(p => p.Stem));
                if (key.Length == 0)
                {
                    // A stop word: not searched, but part of the English sentence the meaning model reads.
                    if (!entry.Source.Contains(' '))
                    {
                        small.TryAdd(entry.Source, entry.English[0]);
                        if (language == "de") small.TryAdd(SourceLanguageAnalyzer.Transliterated(entry.Source), entry.English[0]);
                    }
                    continue;
                }
                // A phrase whose other words are stop words (in de klas, op school, wij-zij) would stand for its one
                // remaining word: it adds senses after that word's own entry, and makes one only when it starts with the
                // word (umgehen mit: handle), not when the word is a preposition's noun (op dit moment: not moment).
                if (positions.Count == 1 && SourceWords().Count(entry.Source) > 1)
                {
                    collapsed.Add((key, entry));
                    continue;
                }
                Add(key, entry);
            }
            foreach (var (key, entry) in collapsed)
                if (lookup.ContainsKey(key) || (!entry.Source.Contains('-') && Positions(analyzer, entry.Source.Split(' ')[0]) is [{ } head] && head.Stem == key))
                    Add(key, entry);
            void Add(string key, BilingualLexicon.Entry entry)
            {
                if (!lookup.TryGetValue(key, out var english)) lookup[key] = english = [];
                foreach (var e in entry.English)
                {
                    if (!english.Contains(e, StringComparer.OrdinalIgnoreCase)) english.Add(e);
                    AddWords(_englishWords, e);
                }
            }
            _words[language] = lookup.Keys.Where(k => !k.Contains(' ') && k.Length >= MinInflectedStem).ToList();
            var source = language;
            var general = new Lazy<GeneralWords>(() => GeneralWords.Load(generalDictionaries, source, analyzer, lookup));
            // Read once per process: a dictionary costs seconds and tens of megabytes, the same for every translator of this
            // lexicon (a test run starts dozens of hosts).
            _general[language] = string.IsNullOrWhiteSpace(generalDictionaries) ? general
                : SharedGeneral.GetOrAdd((Path.GetFullPath(generalDictionaries), language, lexicon.Fingerprint), general);
        }
    }

    /// <summary>
    /// Whether a lower-case word is English as far as the lexicons and the general dictionaries know (their renderings);
    /// reads the general dictionaries first if they are not yet.
    /// </summary>
    public bool IsEnglishWord(string word) =>
        _englishWords.Contains(word) || _general.Values.Any(g => g.Value.EnglishWords.Contains(word));

    private static void AddWords(HashSet<string> words, string english)
    {
        foreach (var word in english.Split([' ', '-', '/', '\''], StringSplitOptions.RemoveEmptyEntries))
            if (word.All(char.IsAsciiLetter)) words.Add(word.ToLowerInvariant());
    }

    /// <summary>What <see cref="LoadGeneral"/> found for one language: its words, or why it has none.</summary>
    public sealed record GeneralDictionaryReport(string Language, int Words, string? Error);

    /// <summary>Reads the general dictionaries now (the bot does so in the background, so no member waits for them).</summary>
    public IReadOnlyList<GeneralDictionaryReport> LoadGeneral() =>
        [.. _general.Select(g => new GeneralDictionaryReport(g.Key, g.Value.Value.ByStem.Count, g.Value.Value.Error))];

    /// <summary>English only: no lexicon, questions in other languages are searched as typed.</summary>
    public static QueryTranslator EnglishOnly { get; } = new(BilingualLexicon.Empty, new LanguageIdentifier());

    public string Fingerprint { get; }

    /// <summary>The analysis of papers written in <paramref name="language"/>; null for English (the index's own).</summary>
    public Analyzer? AnalyzerFor(string? language) =>
        language is not null && _analyzers.TryGetValue(language, out var analyzer) ? analyzer : null;

    /// <summary>"en", "fr", "de", "nl", or null when the text does not say.</summary>
    public string? Detect(string text) => _identifier.Detect(text);

    /// <summary>The concepts of a French, German or Dutch question; null for any other language.</summary>
    /// <param name="papers">
    /// How often the papers use an English word. A general dictionary lists a word's senses in no useful order (<i>nie</i>:
    /// hardly ever, never); its rendering the papers use most comes first, the field's sense of an everyday word.
    /// </param>
    public TranslatedQuestion? Translate(string question, string? language, Func<string, int>? papers = null)
    {
        if (language is null || !_analyzers.TryGetValue(language, out var analyzer)) return null;
        var lookup = _lookup[language];
        var positions = Positions(analyzer, question);
        var analysed = question.Length > QueryTerms.MaxAnalysedChars ? question[..QueryTerms.MaxAnalysedChars] : question;
        var verbs = Verbs(language, analyzer, analysed, positions);
        var concepts = new List<QueryConcept>();
        var pieces = new List<(int Start, string English)>();
        void Piece(int start) => pieces.Add((start, concepts[^1].English.Count > 0 ? concepts[^1].English[0] : concepts[^1].Surface));
        var particles = verbs.Values.Select(v => v.Particle).OfType<int>().ToHashSet();
        var pieceCache = new Dictionary<string, CompoundPart?>(StringComparer.Ordinal);
        for (var i = 0; i < positions.Count;)
        {
            // A separable verb's particle is part of its verb (stimmen ... ab = abstimmen).
            if (particles.Contains(positions[i].Start))
            {
                i++;
                continue;
            }
            var matched = 0;
            var verb = verbs.GetValueOrDefault(positions[i].Start);
            // An acronym the papers use (RAN, ISF) is a name in every language, not a word to translate (ran: rancid).
            var name = papers is not null && IsAcronym(positions[i].Surface) && papers(positions[i].Surface.ToLowerInvariant()) > 0;
            for (var n = Math.Min(MaxPhrase, positions.Count - i); n >= (verb is null && !name ? 1 : 2) && matched == 0; n--)
            {
                var slice = positions.GetRange(i, n);
                if (!lookup.TryGetValue(string.Join(' ', slice.Select(p => p.Stem)), out var stemmed)) continue;
                // Words that share a stem share its entry (Schule, Schüler: schul); the word as typed gives its own senses first.
                IReadOnlyList<string> english = n == 1 && _entries[language].TryGetValue(slice[0].Surface.ToLowerInvariant(), out var own)
                    ? [.. own, .. stemmed.Except(own, StringComparer.OrdinalIgnoreCase)] : stemmed;
                concepts.Add(new QueryConcept(string.Join(' ', slice.Select(p => p.Surface)), english, [.. slice.Select(p => p.Stem)], true));
                Piece(slice[0].Start);
                matched = n;
            }
            if (matched > 0)
            {
                i += matched;
                continue;
            }
            var position = positions[i++];
            if (name)
            {
                concepts.Add(new QueryConcept(position.Surface, [position.Surface], [position.Stem], true));
                Piece(position.Start);
                continue;
            }
            if (verb is not null)
            {
                concepts.Add(new QueryConcept(position.Surface, verb.English, [position.Stem], true));
                Piece(position.Start);
                continue;
            }
            if (Inflected(language, position.Stem) is { } lemma)
            {
                concepts.Add(new QueryConcept(position.Surface, lookup[lemma], [position.Stem], true));
                Piece(position.Start);
                continue;
            }
            if (_general[language].Value.TryGet(position.Surface, position.Stem, out var everyday))
            {
                // An everyday word the field lexicon lacks: the general dictionary's first senses.
                concepts.Add(new QueryConcept(position.Surface, Commonest(everyday, papers), [position.Stem], true));
                Piece(position.Start);
                continue;
            }
            if (Segment(language, analyzer, position.Surface, pieceCache) is { } segments)
            {
                // A compound neither dictionary knows whole, read as the words it is made of, each a concept.
                for (var p = 0; p < segments.Count; p++)
                {
                    var english = segments[p].Field ? segments[p].English : Commonest(segments[p].English, papers);
                    concepts.Add(new QueryConcept(segments[p].Part, english, p == 0 ? [position.Stem] : [segments[p].Stem], true));
                    Piece(position.Start);
                }
                continue;
            }
            var parts = position.Parts.Where(lookup.ContainsKey).Distinct().ToList();
            if (parts.Count == 0)
            {
                concepts.Add(new QueryConcept(position.Surface, [position.Surface], [position.Stem], false));
                Piece(position.Start);
                continue;
            }
            // A compound the lexicon lacks, made of words it has: each part is a concept; the whole word still finds papers in its language.
            for (var p = 0; p < parts.Count; p++)
            {
                concepts.Add(new QueryConcept(parts[p], lookup[parts[p]], p == 0 ? [position.Stem] : [parts[p]], true));
                Piece(position.Start);
            }
        }
        // The small words between the analysed ones (elided articles and pronouns too: l', d', j', qu').
        var small = _small[language];
        foreach (var word in Letters().EnumerateMatches(analysed))
        {
            var at = word.Index;
            if (positions.Any(p => at >= p.Start && at < p.Start + p.Surface.Length) || particles.Contains(at)) continue;
            if (small.TryGetValue(analysed.Substring(at, word.Length).ToLowerInvariant(), out var english)) pieces.Add((at, english));
        }
        return new TranslatedQuestion(language, concepts, string.Join(' ', pieces.OrderBy(p => p.Start).Select(p => p.English)));
    }

    /// <summary>
    /// One word's senses: the field lexicon's by its stem, else the general dictionary's (for a word of at least
    /// <paramref name="minEveryday"/> letters). Null for a word neither has, or that analyses to none or several words.
    /// </summary>
    private (string Stem, IReadOnlyList<string> English, bool Field)? Senses(string language, Analyzer analyzer, string word, int minEveryday = 0)
    {
        if (Positions(analyzer, word) is not [var position]) return null;
        if (_lookup[language].TryGetValue(position.Stem, out var field)) return (position.Stem, field, true);
        return word.Length >= minEveryday && _general[language].Value.TryGet(word, position.Stem, out var everyday)
            ? (position.Stem, everyday, false) : null;
    }

    private static bool IsAcronym(string surface) => surface.Length is >= 2 and <= 8 && surface.All(char.IsUpper);

    /// <summary>The renderings with the one the papers use most first (a rendering counts as its rarest word); as listed when none is used more than the first.</summary>
    private static IReadOnlyList<string> Commonest(IReadOnlyList<string> english, Func<string, int>? papers)
    {
        if (papers is null || english.Count < 2) return english;
        int Uses(string rendering) => Letters().Matches(rendering).Select(m => Forms(m.Value.ToLowerInvariant())).DefaultIfEmpty(0).Min();
        // A word counts with its plain English endings: the papers say "comes" and "came" more than "come".
        int Forms(string word) => papers(word) + papers(word + "s") + papers(word + "es") + papers(word + "d") + papers(word + "ed") + papers(word + "ing");
        var uses = english.Select(Uses).ToList();
        var best = uses.IndexOf(uses.Max());
        return uses[best] <= uses[0] ? english : [english[best], .. english.Where((_, i) => i != best)];
    }

    /// <summary>Light stemming leaves verb endings (erzählt, erzählen; raconte, raconter): an entry whose stem differs by an ending.</summary>
    private const int MinInflectedStem = 5;

    private const int MaxEnding = 2;

    private string? Inflected(string language, string stem)
    {
        // A short word's plural the light stemmers leave (ans: an, lois: loi, jobs: job).
        if (stem.Length is >= 3 and < MinInflectedStem && stem[^1] is 's' or 'x' && _lookup[language].ContainsKey(stem[..^1])) return stem[..^1];
        if (stem.Length < MinInflectedStem) return null;
        string? best = null;
        foreach (var key in _words[language])
        {
            var close = key.Length > stem.Length
                ? key.Length - stem.Length <= MaxEnding && key.StartsWith(stem, StringComparison.Ordinal)
                : stem.Length - key.Length <= MaxEnding && stem.StartsWith(key, StringComparison.Ordinal);
            if (close && (best is null || Math.Abs(key.Length - stem.Length) < Math.Abs(best.Length - stem.Length))) best = key;
        }
        return best;
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Letters();

    /// <summary>The words of a lexicon entry's source (wij-zij: two; piw'er: one).</summary>
    [GeneratedRegex(@"[^\s-]+")]
    private static partial Regex SourceWords();

    private sealed record Position(string Surface, string Stem, List<string> Parts, int Start);

    /// <summary>The analysed words of a text, each with the words split out of it (compound parts) and the text it came from.</summary>
    private static List<Position> Positions(Analyzer analyzer, string text)
    {
        var positions = new List<Position>();
        if (string.IsNullOrWhiteSpace(text)) return positions;
        if (text.Length > QueryTerms.MaxAnalysedChars) text = text[..QueryTerms.MaxAnalysedChars];
        using var stream = analyzer.GetTokenStream(IndexFields.Body, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (increment.PositionIncrement > 0 || positions.Count == 0)
                positions.Add(new Position(text[offset.StartOffset..offset.EndOffset], term.ToString(), [], offset.StartOffset));
            else if (term.ToString() != positions[^1].Stem) positions[^1].Parts.Add(term.ToString());
        }
        stream.End();
        return positions;
    }
}
