using Lucene.Net.Analysis;

namespace PractitionerBot.Knowledge.Translation;

public sealed partial class QueryTranslator
{
    /// <summary>
    /// The words of one language's general dictionary by their stem, those the field lexicon has left out (its renderings
    /// are the field's). A dictionary that cannot be read leaves the language to the field lexicon and says why.
    /// </summary>
    private sealed class GeneralWords(Dictionary<string, string[]> byStem, Dictionary<string, string[]> byWord, HashSet<string> englishWords, string? error)
    {
        public Dictionary<string, string[]> ByStem { get; } = byStem;

        /// <summary>
        /// Words whose stem another word shares, by their own lower-case form: as typed, <i>fast</i> is almost, not fasting
        /// (Fasten), and <i>sagt</i> says, not saws (sägt, the same stem once accents are folded).
        /// </summary>
        public Dictionary<string, string[]> ByWord { get; } = byWord;

        public bool TryGet(string surface, string stem, out string[] english) =>
            ByWord.TryGetValue(surface.ToLowerInvariant(), out english!) || ByStem.TryGetValue(stem, out english!);

        /// <summary>Every English word of the renderings read, the field lexicon's words included.</summary>
        public HashSet<string> EnglishWords { get; } = englishWords;

        public string? Error { get; } = error;

        public static GeneralWords Load(string? folder, string language, Analyzer analyzer, Dictionary<string, List<string>> field)
        {
            var byStem = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var byWord = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var firstOfStem = new Dictionary<string, string>(StringComparer.Ordinal);
            var englishWords = new HashSet<string>(StringComparer.Ordinal);
            if (string.IsNullOrWhiteSpace(folder)) return new(byStem, byWord, englishWords, null);
            try
            {
                foreach (var word in FreeDict.Read(folder, language))
                {
                    foreach (var e in word.English) AddWords(englishWords, e);
                    var positions = Positions(analyzer, word.Headword);
                    if (positions.Count != 1 || field.ContainsKey(positions[0].Stem)) continue;
                    var stem = positions[0].Stem;
                    var lower = word.Headword.ToLowerInvariant();
                    if (byStem.TryAdd(stem, [.. word.English]))
                    {
                        firstOfStem[stem] = lower;
                        continue;
                    }
                    // Another word has this stem: both are kept by their own form as well.
                    if (firstOfStem[stem] is var first && first != lower)
                    {
                        byWord.TryAdd(first, byStem[stem]);
                        byWord.TryAdd(lower, [.. word.English]);
                    }
                }
                byStem.TrimExcess();
                byWord.TrimExcess();
                englishWords.TrimExcess();
                return new(byStem, byWord, englishWords, null);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A damaged or unexpected file must not break translation: the language keeps its field lexicon.
                return new([], [], [], ex.GetType().Name + ": " + ex.Message);
            }
        }
    }
}
