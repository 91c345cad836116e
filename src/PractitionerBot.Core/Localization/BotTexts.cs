using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace PractitionerBot.Localization;

/// <summary>
/// The bot's sentences in English, French, German and Dutch, from <c>dialogs/texts.yaml</c>.
/// A missing translation falls back to English; a missing English text stops start-up.
/// </summary>
public sealed partial class BotTexts
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fr", "de", "nl"];

    /// <summary>
    /// The language of what the bot posts in a working group's channel (peer questions, announcements): one message read by
    /// practitioners from every country, and replaced for all of them when someone answers or clicks, so it cannot follow
    /// any one member. English is the network's working language.
    /// </summary>
    public const string ChannelLanguage = "en";

    private readonly Dictionary<string, Dictionary<string, string>> _texts;

    public BotTexts(Dictionary<string, Dictionary<string, string>> texts) => _texts = texts;

    public static BotTexts Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"Bot texts not found: {path}");
        Dictionary<string, Dictionary<string, string>>? texts;
        try
        {
            texts = new DeserializerBuilder().Build().Deserialize<Dictionary<string, Dictionary<string, string>>>(File.ReadAllText(path));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidDataException($"{path}: invalid YAML at line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}");
        }
        texts ??= [];
        var problems = texts.Where(t => !t.Value.ContainsKey("en")).Select(t => $"'{t.Key}' has no English text").ToList();
        if (problems.Count > 0) throw new InvalidDataException($"{path}: {string.Join("; ", problems)}");
        return new BotTexts(texts);
    }

    /// <summary>The language to speak: the member's choice, else the client's locale, else English.</summary>
    public static string Resolve(string? preferred, string? locale)
    {
        if (preferred is not null && Languages.Contains(preferred)) return preferred;
        var prefix = locale?.Split('-', '_')[0].ToLowerInvariant();
        return prefix is not null && Languages.Contains(prefix) ? prefix : "en";
    }

    /// <summary>
    /// The language of a reply: the member's choice, else the language their message is written in (when its text says),
    /// else the client's locale, else English.
    /// </summary>
    public static string LanguageOf(string? profileLanguage, string? detectedLanguage, string? locale) =>
        profileLanguage is not null && Languages.Contains(profileLanguage) ? profileLanguage
        : detectedLanguage is not null && Languages.Contains(detectedLanguage) ? detectedLanguage
        : Resolve(null, locale);

    public string Get(string key, string language, params (string Name, string Value)[] args)
    {
        if (!_texts.TryGetValue(key, out var byLanguage)) throw new KeyNotFoundException($"no bot text '{key}' in dialogs/texts.yaml");
        var text = byLanguage.GetValueOrDefault(language) ?? byLanguage["en"];
        // One pass: a value that itself contains "{name}" (a member's question, say) is never filled in again.
        if (args.Length > 0)
            text = Placeholder().Replace(text, m =>
            {
                foreach (var (name, value) in args)
                    if (name == m.Groups[1].Value) return value;
                return m.Value;
            });
        return text.TrimEnd('\n');
    }

    /// <summary>The {name} placeholders of a text, for checking that every translation fills the same ones.</summary>
    public static IReadOnlySet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>Every text by key and language, for checks on the file.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> All => _texts;

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();

    public bool Has(string key) => _texts.ContainsKey(key);

    /// <summary>The texts in one language, for renderers.</summary>
    public LocalTexts In(string language) => new(this, Languages.Contains(language) ? language : "en");
}

/// <summary>Bot texts bound to one language.</summary>
public sealed record LocalTexts(BotTexts Texts, string Language)
{
    public string this[string key] => Texts.Get(key, Language);

    public string Get(string key, params (string Name, string Value)[] args) => Texts.Get(key, Language, args);

    public bool Has(string key) => Texts.Has(key);

    private static readonly Dictionary<string, DatePatterns> Dates = new()
    {
        ["en"] = new(CultureInfo.GetCultureInfo("en-GB"), "dddd d MMMM yyyy", "d MMMM yyyy"),
        ["fr"] = new(CultureInfo.GetCultureInfo("fr-FR"), "dddd d MMMM yyyy", "d MMMM yyyy"),
        ["de"] = new(CultureInfo.GetCultureInfo("de-DE"), "dddd, d. MMMM yyyy", "d. MMMM yyyy"),
        ["nl"] = new(CultureInfo.GetCultureInfo("nl-NL"), "dddd d MMMM yyyy", "d MMMM yyyy"),
    };

    private DatePatterns Patterns => Dates.GetValueOrDefault(Language) ?? Dates["en"];

    /// <summary>"Monday 10 March 2031", "lundi 10 mars 2031", "Montag, 10. März 2031", "maandag 10 maart 2031".</summary>
    public string DayAndDate(DateTimeOffset at) => at.ToString(Patterns.DayAndDate, Patterns.Culture);

    /// <summary>"10 March 2031", "10. März 2031".</summary>
    public string Date(DateTime at) => at.ToString(Patterns.Date, Patterns.Culture);

    public string Time(DateTimeOffset at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    public string Time(DateTime at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"4,000" in English, "4 000" in French, "4.000" in German and Dutch.</summary>
    public string Number(int n) => n.ToString("N0", Patterns.Culture);

    private sealed record DatePatterns(CultureInfo Culture, string DayAndDate, string Date);
}
