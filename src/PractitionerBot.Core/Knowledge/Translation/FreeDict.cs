using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace PractitionerBot.Knowledge.Translation;

/// <summary>
/// The everyday words behind the field lexicon: the FreeDict French, German and Dutch to English dictionaries that
/// Debian installs in dictd format (packages <c>dict-freedict-fra-eng</c>, <c>-deu-eng</c>, <c>-nld-eng</c>, in
/// <c>/usr/share/dictd</c>). They are GPL, so they are read in place at run time and nothing derived from them is
/// shipped (see docs/CORPUS.md). A language whose files are absent simply has no general dictionary.
/// </summary>
public static partial class FreeDict
{
    /// <summary>Renderings kept per word: the first senses, where FreeDict puts the common ones.</summary>
    public const int MaxRenderings = 3;

    private const int MaxRenderingLength = 40;

    private static readonly Dictionary<string, string> FileNames = new()
    {
        ["fr"] = "freedict-fra-eng",
        ["de"] = "freedict-deu-eng",
        ["nl"] = "freedict-nld-eng",
    };

    /// <summary>One headword of a dictionary (a single word, lower case) and its English renderings, most common sense first.</summary>
    public sealed record Word(string Headword, IReadOnlyList<string> English);

    /// <summary>The languages whose dictionary files are in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Available(string folder) =>
        [.. BilingualLexicon.SourceLanguages.Where(l => Exists(folder, l))];

    private static bool Exists(string folder, string language) =>
        File.Exists(IndexPath(folder, language)) && (File.Exists(DataPath(folder, language) + ".dz") || File.Exists(DataPath(folder, language)));

    private static string IndexPath(string folder, string language) => Path.Combine(folder, FileNames[language] + ".index");

    private static string DataPath(string folder, string language) => Path.Combine(folder, FileNames[language] + ".dict");

    /// <summary>
    /// The single-word entries of one language's dictionary, in the order of its data file. Read as one stream: the dictzip
    /// file is a gzip file, and its entries are taken in the order they are stored, so nothing is held but the index.
    /// </summary>
    public static IEnumerable<Word> Read(string folder, string language)
    {
        if (!Exists(folder, language)) yield break;
        var entries = new List<(long Offset, int Length, string Headword)>();
        foreach (var line in File.ReadLines(IndexPath(folder, language), Encoding.UTF8))
        {
            var fields = line.Split('\t');
            if (fields.Length < 3 || fields[0].StartsWith("00database", StringComparison.Ordinal)) continue;
            var headword = fields[0].Trim();
            if (!IsWord(headword) || Base64Number(fields[1]) is not { } offset || Base64Number(fields[2]) is not { } length || length > 1 << 20) continue;
            entries.Add((offset, (int)length, headword));
        }
        entries.Sort((a, b) => a.Offset.CompareTo(b.Offset));

        var compressed = DataPath(folder, language) + ".dz";
        var path = File.Exists(compressed) ? compressed : DataPath(folder, language);
        using var file = File.OpenRead(path);
        using var data = File.Exists(compressed) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new BufferedStream(data, 1 << 16);
        long position = 0;
        var buffer = new byte[4096];
        (long Offset, string Text) last = (-1, "");
        foreach (var (offset, length, headword) in entries)
        {
            if (offset != last.Offset)
            {
                if (offset < position) continue;
                Skip(reader, offset - position);
                if (buffer.Length < length) buffer = new byte[length];
                var read = reader.ReadAtLeast(buffer.AsSpan(0, length), length, throwOnEndOfStream: false);
                position = offset + read;
                if (read < length) throw new InvalidDataException($"{path} ends before the entry of '{headword}'");
                last = (offset, Encoding.UTF8.GetString(buffer, 0, length));
            }
            if (Parse(headword, last.Text) is { } word) yield return word;
        }
    }

    /// <summary>
    /// One dictd entry: its first line is the headword (with pronunciation and part of speech), the lines after it the senses;
    /// notes, examples and cross-references are indented or quoted. An entry for another headword (an abbreviation's) is skipped.
    /// </summary>
    internal static Word? Parse(string headword, string entry)
    {
        var lines = entry.Split('\n');
        var first = lines[0];
        var end = first.IndexOfAny(['/', '(', '<']);
        if (!string.Equals((end < 0 ? first : first[..end]).Trim(), headword, StringComparison.OrdinalIgnoreCase)) return null;
        var english = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Trim().Length == 0 || line.StartsWith("   ", StringComparison.Ordinal) || line.TrimStart().StartsWith('"')
                || line.TrimStart().StartsWith("see:", StringComparison.Ordinal)) continue;
            var sense = Placeholders().Replace(Annotations().Replace(Numbering().Replace(line, ""), ""), "");
            foreach (var part in sense.Split([',', ';']))
            {
                var rendering = Spaces().Replace(part, " ").Trim();
                if (rendering.Length is > 0 and <= MaxRenderingLength && !english.Contains(rendering, StringComparer.OrdinalIgnoreCase))
                    english.Add(rendering);
                if (english.Count == MaxRenderings) return new Word(headword.ToLowerInvariant(), english);
            }
        }
        return english.Count == 0 ? null : new Word(headword.ToLowerInvariant(), english);
    }

    private static bool IsWord(string headword) => headword.Length is > 1 and <= 40 && headword.All(char.IsLetter);

    private static void Skip(Stream stream, long count)
    {
        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            var read = stream.Read(scratch[..(int)Math.Min(count, scratch.Length)]);
            if (read == 0) return;
            count -= read;
        }
    }

    /// <summary>dictd's numbers: base 64 with the alphabet A-Z a-z 0-9 + /.</summary>
    internal static long? Base64Number(string text)
    {
        long value = 0;
        foreach (var c in text.Trim())
        {
            var digit = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= 'a' and <= 'z' => c - 'a' + 26,
                >= '0' and <= '9' => c - '0' + 52,
                '+' => 62,
                '/' => 63,
                _ => -1,
            };
            if (digit < 0 || value > long.MaxValue / 64) return null;
            value = value * 64 + digit;
        }
        return text.Trim().Length == 0 ? null : value;
    }

    /// <summary>Sense numbers ("2. ").</summary>
    [GeneratedRegex(@"^\s*\d+\.\s*")]
    private static partial Regex Numbering();

    /// <summary>Domains [comp.], parts of speech &lt;v&gt; and glosses (+ dat).</summary>
    [GeneratedRegex(@"\[[^\]]*\]|<[^>]*>|\([^)]*\)")]
    private static partial Regex Annotations();

    /// <summary>Stand-ins for an object (to do sth., to tell sb., pers.) and ellipses: not words of the rendering.</summary>
    [GeneratedRegex(@"(?<![\w.])(?:sth|sb|sbd|smb|smth|so|s\.o|o\.s|pers|etw|jmd|jmdn|jmdm|qn|qc)\.|…|\.{3}")]
    private static partial Regex Placeholders();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
