using System.Security.Cryptography;
using System.Text;

namespace PractitionerBot.Knowledge.Translation;

/// <summary>
/// Source-language words and phrases of the field with their English renderings, from
/// <c>index/lexicon/{fr,de,nl}-en.tsv</c>: <c>source&lt;TAB&gt;english1|english2</c>, <c>#</c> comments.
/// </summary>
public sealed class BilingualLexicon
{
    public static readonly IReadOnlyList<string> SourceLanguages = ["fr", "de", "nl"];

    private readonly Dictionary<string, List<Entry>> _entries;

    /// <summary>One line of a lexicon: the source as written (lower case, dictionary form) and its English alternatives.</summary>
    public sealed record Entry(string Source, IReadOnlyList<string> English);

    private BilingualLexicon(Dictionary<string, List<Entry>> entries, string fingerprint)
    {
        _entries = entries;
        Fingerprint = fingerprint;
    }

    public static BilingualLexicon Empty { get; } = new(SourceLanguages.ToDictionary(l => l, _ => new List<Entry>()), "none");

    /// <summary>A hash of the files read, so an index built with another lexicon is rebuilt.</summary>
    public string Fingerprint { get; }

    public IReadOnlyList<Entry> EntriesOf(string language) => _entries.TryGetValue(language, out var e) ? e : [];

    /// <summary>Reads every <c>LANG-en.tsv</c> in the folder; a language without a file has an empty lexicon.</summary>
    public static BilingualLexicon Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new InvalidDataException($"Lexicon folder not found: {folder}");
        var entries = new Dictionary<string, List<Entry>>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var language in SourceLanguages)
        {
            var path = Path.Combine(folder, $"{language}-en.tsv");
            var list = entries[language] = [];
            if (!File.Exists(path)) continue;
            var text = File.ReadAllText(path);
            hash.AppendData(Encoding.UTF8.GetBytes(language + "\n" + text));
            list.AddRange(Parse(path, text));
        }
        return new BilingualLexicon(entries, Convert.ToHexString(hash.GetHashAndReset())[..16]);
    }

    public static BilingualLexicon FromEntries(IReadOnlyDictionary<string, IReadOnlyList<Entry>> entries)
    {
        var byLanguage = SourceLanguages.ToDictionary(l => l, l => entries.TryGetValue(l, out var e) ? e.ToList() : []);
        var text = string.Join('\n', byLanguage.SelectMany(l => l.Value.Select(e => $"{l.Key}\t{e.Source}\t{string.Join('|', e.English)}")));
        return new(byLanguage, "inline-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]);
    }

    internal static IEnumerable<Entry> Parse(string path, string text)
    {
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var parts = line.Split('\t');
            var english = parts.Length == 2
                ? parts[1].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : [];
            if (parts.Length != 2 || parts[0].Trim().Length == 0 || english.Length == 0)
                throw new InvalidDataException($"{path}, line {number}: expected 'source<TAB>english1|english2'");
            yield return new Entry(parts[0].Trim().ToLowerInvariant(), english);
        }
    }
}
