using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Analysis;
using PractitionerBot.Knowledge.Index;

namespace PractitionerBot.Knowledge.Translation;

/// <summary>
/// One word (or phrase) of a French, German or Dutch question: its English alternatives, searched as one concept so
/// that a word with many translations does not outweigh the others, and its own stems for papers in its language.
/// </summary>
/// <param name="Translated">False when the lexicon has no entry: the word is then searched as typed (names, loan words).</param>
public sealed record QueryConcept(string Surface, IReadOnlyList<string> English, IReadOnlyList<string> NativeTerms, bool Translated);

/// <summary>A question read in its language and carried over to English.</summary>
public sealed record TranslatedQuestion(string Language, IReadOnlyList<QueryConcept> Concepts)
{
    /// <summary>The question in English words, the first rendering of each concept: what a dense (embedding) search should read.</summary>
    public string English => string.Join(' ', Concepts.Select(c => c.English.Count > 0 ? c.English[0] : c.Surface));
}

/// <summary>
/// Detects the language of a question and, for French, German and Dutch, analyses it in that language and looks its
/// words up in the bilingual lexicon (the longest phrase first, then the parts of compounds).
/// </summary>
public sealed class QueryTranslator
{
    /// <summary>The longest lexicon phrase looked up, in analysed words.</summary>
    private const int MaxPhrase = 4;

    private readonly LanguageIdentifier _identifier;
    private readonly Dictionary<string, SourceLanguageAnalyzer> _analyzers = [];
    private readonly Dictionary<string, Dictionary<string, List<string>>> _lookup = [];
    private readonly Dictionary<string, List<string>> _words = [];

    public QueryTranslator(BilingualLexicon lexicon, LanguageIdentifier identifier)
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
            foreach (var entry in entries)
            {
                var key = string.Join(' ', Positions(analyzer, entry.Source).Select(p => p.Stem));
                if (key.Length == 0) continue;
                if (!lookup.TryGetValue(key, out var english)) lookup[key] = english = [];
                foreach (var e in entry.English) if (!english.Contains(e, StringComparer.OrdinalIgnoreCase)) english.Add(e);
            }
            _words[language] = lookup.Keys.Where(k => !k.Contains(' ') && k.Length >= MinInflectedStem).ToList();
        }
    }

    /// <summary>English only: no lexicon, questions in other languages are searched as typed.</summary>
    public static QueryTranslator EnglishOnly { get; } = new(BilingualLexicon.Empty, new LanguageIdentifier());

    public string Fingerprint { get; }

    /// <summary>The analysis of papers written in <paramref name="language"/>; null for English (the index's own).</summary>
    public Analyzer? AnalyzerFor(string? language) =>
        language is not null && _analyzers.TryGetValue(language, out var analyzer) ? analyzer : null;

    /// <summary>"en", "fr", "de", "nl", or null when the text does not say.</summary>
    public string? Detect(string text) => _identifier.Detect(text);

    /// <summary>The concepts of a French, German or Dutch question; null for any other language.</summary>
    public TranslatedQuestion? Translate(string question, string? language)
    {
        if (language is null || !_analyzers.TryGetValue(language, out var analyzer)) return null;
        var lookup = _lookup[language];
        var positions = Positions(analyzer, question);
        var concepts = new List<QueryConcept>();
        for (var i = 0; i < positions.Count;)
        {
            var matched = 0;
            for (var n = Math.Min(MaxPhrase, positions.Count - i); n >= 1 && matched == 0; n--)
            {
                var slice = positions.GetRange(i, n);
                if (!lookup.TryGetValue(string.Join(' ', slice.Select(p => p.Stem)), out var english)) continue;
                concepts.Add(new QueryConcept(string.Join(' ', slice.Select(p => p.Surface)), english, [.. slice.Select(p => p.Stem)], true));
                matched = n;
            }
            if (matched > 0)
            {
                i += matched;
                continue;
            }
            var position = positions[i++];
            if (Inflected(language, position.Stem) is { } lemma)
            {
                concepts.Add(new QueryConcept(position.Surface, lookup[lemma], [position.Stem], true));
                continue;
            }
            var parts = position.Parts.Where(lookup.ContainsKey).Distinct().ToList();
            if (parts.Count == 0)
            {
                concepts.Add(new QueryConcept(position.Surface, [position.Surface], [position.Stem], false));
                continue;
            }
            // A compound the lexicon lacks, made of words it has: each part is a concept; the whole word still finds papers in its language.
            for (var p = 0; p < parts.Count; p++)
                concepts.Add(new QueryConcept(parts[p], lookup[parts[p]], p == 0 ? [position.Stem] : [parts[p]], true));
        }
        return new TranslatedQuestion(language, concepts);
    }

    /// <summary>Light stemming leaves verb endings (erzählt, erzählen; raconte, raconter): an entry whose stem differs by an ending.</summary>
    private const int MinInflectedStem = 5;

    private const int MaxEnding = 2;

    private string? Inflected(string language, string stem)
    {
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

    private sealed record Position(string Surface, string Stem, List<string> Parts);

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
                positions.Add(new Position(text[offset.StartOffset..offset.EndOffset], term.ToString(), []));
            else if (term.ToString() != positions[^1].Stem) positions[^1].Parts.Add(term.ToString());
        }
        stream.End();
        return positions;
    }
}
