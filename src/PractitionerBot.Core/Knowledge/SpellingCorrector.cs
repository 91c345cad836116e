using System.Text;
using System.Text.RegularExpressions;
using PractitionerBot.Knowledge.Index;

namespace PractitionerBot.Knowledge;

/// <summary>
/// Puts an English question the way it was meant before it is read: words typed without their apostrophe or in chat
/// shorthand (dont, theres, ppl, thru), and misspellings of the papers' words (comunity, terorist atack, helpine). The
/// lexical search already matches close spellings; the meaning models do not (a typo becomes other word pieces), and a
/// practitioner typing fast in Teams gets a worse answer than one who proofreads.
/// <para>
/// A word is left alone when the papers use it or it is a known English word (the lexicons' English renderings and, where
/// installed, the general dictionaries'), also with a plain English ending (-s, -ed, -ing, ...). Otherwise it becomes the
/// papers' most frequent word one edit away (two for words of 8 letters or more), if there is one. Words with capitals
/// inside (LinkedIn, ISIS) and words under 4 letters are names or abbreviations and are kept.
/// </para>
/// </summary>
public sealed partial class SpellingCorrector
{
    /// <summary>A word must occur this often in the papers to be offered as a correction.</summary>
    private const int MinCount = 2;

    private const int MinLength = 4;

    private const int TwoEditsFrom = 8;

    /// <summary>Chat shorthand and apostrophes left out, as practitioners type them (written for this project).</summary>
    private static readonly Dictionary<string, string> Typed = new(StringComparer.Ordinal)
    {
        ["dont"] = "don't", ["cant"] = "can't", ["wont"] = "won't", ["isnt"] = "isn't", ["arent"] = "aren't", ["doesnt"] = "doesn't",
        ["didnt"] = "didn't", ["wasnt"] = "wasn't", ["werent"] = "weren't", ["shouldnt"] = "shouldn't", ["couldnt"] = "couldn't",
        ["wouldnt"] = "wouldn't", ["havent"] = "haven't", ["hasnt"] = "hasn't", ["theres"] = "there's", ["thats"] = "that's",
        ["whats"] = "what's", ["shes"] = "she's", ["hes"] = "he's", ["theyre"] = "they're", ["youre"] = "you're", ["im"] = "I'm",
        ["ive"] = "I've", ["id"] = "I'd", ["noone"] = "no one", ["thru"] = "through", ["ppl"] = "people", ["pls"] = "please",
        ["plz"] = "please", ["u"] = "you", ["ur"] = "your", ["yr"] = "year", ["yrs"] = "years", ["govt"] = "government",
        ["tho"] = "though", ["bc"] = "because", ["cuz"] = "because", ["coz"] = "because", ["abt"] = "about", ["w"] = "with",
        ["kinda"] = "kind of", ["gonna"] = "going to", ["wanna"] = "want to", ["idk"] = "I don't know", ["asap"] = "as soon as possible",
    };

    /// <summary>Plain English endings: a word is known when it is a known word with one of them (thinks, copes, radicalising).</summary>
    private static readonly (string Ending, string Base)[] Endings =
        [("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("est", "")];

    /// <summary>A message of many unknown words (another language read as English) is not searched word by word past this.</summary>
    private const int MaxUnknownWords = 32;

    private readonly Dictionary<string, int> _papers;
    private readonly Func<string, bool> _isEnglishWord;

    /// <summary>The papers' words seen <see cref="MinCount"/> times or more, by first letter: the candidates two edits away.</summary>
    private readonly Dictionary<char, string[]> _byFirstLetter;

    /// <param name="papers">How often each word (lower case) occurs in the papers.</param>
    /// <param name="isEnglishWord">Whether a lower-case word is an English word the papers may not use.</param>
    public SpellingCorrector(Dictionary<string, int> papers, Func<string, bool> isEnglishWord)
    {
        _papers = papers;
        _isEnglishWord = isEnglishWord;
        _byFirstLetter = papers.Where(p => p.Value >= MinCount && p.Key.Length >= TwoEditsFrom - 2)
            .GroupBy(p => p.Key[0]).ToDictionary(g => g.Key, g => g.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>The words of every passage in the index (title, section heading and text).</summary>
    public static Dictionary<string, int> CountWords(LuceneIndex index)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        PassageDocuments.ForEach(index, passage =>
        {
            foreach (var text in (string[])[passage.Title, passage.Section, passage.Text])
                foreach (Match word in Word().Matches(text))
                {
                    var lower = word.Value.ToLowerInvariant();
                    counts[lower] = counts.GetValueOrDefault(lower) + 1;
                }
        });
        return counts;
    }

    /// <summary>The question with its shorthand spelt out and its misspellings of the papers' words corrected; the rest as typed.</summary>
    public string Correct(string question)
    {
        if (string.IsNullOrEmpty(question)) return question;
        var result = new StringBuilder(question.Length + 16);
        var last = 0;
        var unknown = 0;
        foreach (Match word in Word().Matches(question))
        {
            if (Fix(word.Value, SentenceStart(question, word.Index), ref unknown) is not { } fixedWord) continue;
            result.Append(question, last, word.Index - last).Append(fixedWord);
            last = word.Index + word.Length;
        }
        return last == 0 ? question : result.Append(question, last, question.Length - last).ToString();
    }

    /// <summary>Whether a word opens the message or a sentence (its capital is then no sign of a name).</summary>
    private static bool SentenceStart(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
            if (!char.IsWhiteSpace(text[i])) return text[i] is '.' or '!' or '?' or ':' or '\n' || (i > 0 && text[i - 1] == '\n' && !char.IsLetterOrDigit(text[i]));
        return true;
    }

    private string? Fix(string word, bool sentenceStart, ref int unknown)
    {
        var lower = word.ToLowerInvariant();
        var asTyped = word[1..] == lower[1..];
        if (asTyped && Typed.TryGetValue(lower, out var spelt)) return spelt;
        // Not an English misspelling: a short word, an acronym or a name (capitals inside, or a capital mid-sentence), a word
        // with letters English does not use (Malmö, Äußerung), a contraction.
        if (lower.Length < MinLength || word.Skip(1).Any(char.IsUpper) || (char.IsUpper(word[0]) && !sentenceStart)
            || !lower.All(char.IsAsciiLetterLower) || Known(lower)) return null;
        if (++unknown > MaxUnknownWords) return null;
        var best = Best(Edits(lower));
        if (best is null && lower.Length >= TwoEditsFrom) best = Best(TwoEditsAway(lower));
        return best;
    }

    private bool Known(string word)
    {
        if (_papers.ContainsKey(word) || _isEnglishWord(word)) return true;
        foreach (var (ending, stem) in Endings)
        {
            if (word.Length - ending.Length < 3 || !word.EndsWith(ending, StringComparison.Ordinal)) continue;
            var root = word[..^ending.Length] + stem;
            if (_papers.ContainsKey(root) || _isEnglishWord(root)) return true;
        }
        return false;
    }

    /// <summary>The papers' most frequent word among the candidates (ties: the first in ordinal order, so the choice is stable).</summary>
    private string? Best(IEnumerable<string> candidates)
    {
        string? best = null;
        var bestCount = 0;
        foreach (var candidate in candidates)
        {
            if (!_papers.TryGetValue(candidate, out var count) || count < MinCount) continue;
            if (count > bestCount || (count == bestCount && string.CompareOrdinal(candidate, best) < 0)) (best, bestCount) = (candidate, count);
        }
        return best;
    }

    /// <summary>
    /// The papers' words two edits away that start with the same letter (a typo seldom changes the first): a scan of one
    /// letter's words with a bounded distance, rather than the hundreds of thousands of strings two edits make.
    /// </summary>
    private IEnumerable<string> TwoEditsAway(string word)
    {
        if (!_byFirstLetter.TryGetValue(word[0], out var candidates)) yield break;
        foreach (var candidate in candidates)
            if (Math.Abs(candidate.Length - word.Length) <= 2 && Distance(word, candidate) == 2) yield return candidate;
    }

    /// <summary>Optimal string alignment distance (an adjacent transposition counts one), or 3 once it is certain to exceed 2.</summary>
    internal static int Distance(string a, string b)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = Math.Min(d, previous2[j - 2] + 1);
                current[j] = d;
                rowMin = Math.Min(rowMin, d);
            }
            if (rowMin > 2) return 3;
            (previous2, previous, current) = (previous, current, previous2);
        }
        return Math.Min(previous[b.Length], 3);
    }

    /// <summary>Every string one deletion, transposition, replacement or insertion of a letter away.</summary>
    private static IEnumerable<string> Edits(string word)
    {
        for (var i = 0; i <= word.Length; i++)
        {
            if (i < word.Length) yield return word.Remove(i, 1);
            if (i < word.Length - 1) yield return string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1, 1), word.AsSpan(i, 1), word.AsSpan(i + 2));
            for (var c = 'a'; c <= 'z'; c++)
            {
                if (i < word.Length && word[i] != c) yield return string.Concat(word.AsSpan(0, i), new string(c, 1), word.AsSpan(i + 1));
                yield return word.Insert(i, new string(c, 1));
            }
        }
    }

    /// <summary>A word as typed: letters, with an apostrophe inside (don't, we're).</summary>
    [GeneratedRegex(@"\p{L}+(?:'\p{L}+)?")]
    private static partial Regex Word();
}
