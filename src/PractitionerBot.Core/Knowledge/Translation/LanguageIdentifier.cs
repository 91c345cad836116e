using Lingua;

namespace PractitionerBot.Knowledge.Translation;

/// <summary>
/// The language of a message among the four the bot speaks (Lingua's n-gram models, which work on a few words too):
/// "en", "fr", "de", "nl", or null when the text does not say (one word common to two languages, digits, a name).
/// </summary>
/// <param name="minConfidence">Below this share of the evidence for the best language, the text is taken as undecided.</param>
public sealed class LanguageIdentifier(double minConfidence = LanguageIdentifier.DefaultMinConfidence)
{
    /// <summary>Chosen on the even half of tests/.../Data/language/messages.jsonl (see docs/BENCHMARKS.md).</summary>
    public const double DefaultMinConfidence = 0.6;

    private static readonly Dictionary<Language, string> Codes = new()
    {
        [Language.English] = "en", [Language.French] = "fr", [Language.German] = "de", [Language.Dutch] = "nl",
    };

    private static readonly Lazy<LanguageDetector> Detector = new(() =>
        LanguageDetectorBuilder.FromLanguages([.. Codes.Keys]).WithPreloadedLanguageModels().Build());

    public string? Detect(string? text) => Best(text) is { } best && best.Confidence >= minConfidence ? best.Language : null;

    /// <summary>The likeliest of the four languages and its share of the evidence; null for text with no letters.</summary>
    public (string Language, double Confidence)? Best(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.Any(char.IsLetter)) return null;
        if (text.Length > 1_000) text = text[..1_000];
        var best = Detector.Value.ComputeLanguageConfidenceValues(text).MaxBy(kv => kv.Value);
        return Codes.TryGetValue(best.Key, out var code) ? (code, best.Value) : null;
    }
}
