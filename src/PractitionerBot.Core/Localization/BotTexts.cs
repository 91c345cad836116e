using YamlDotNet.Serialization;

namespace PractitionerBot.Localization;

/// <summary>
/// The bot's sentences in English, French, German and Dutch, from <c>dialogs/texts.yaml</c>.
/// A missing translation falls back to English; a missing English text stops start-up.
/// </summary>
public sealed class BotTexts
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fr", "de", "nl"];

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

    public string Get(string key, string language, params (string Name, string Value)[] args)
    {
        if (!_texts.TryGetValue(key, out var byLanguage)) throw new KeyNotFoundException($"no bot text '{key}' in dialogs/texts.yaml");
        var text = byLanguage.GetValueOrDefault(language) ?? byLanguage["en"];
        foreach (var (name, value) in args) text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return text.TrimEnd('\n');
    }

    public bool Has(string key) => _texts.ContainsKey(key);

    /// <summary>The texts in one language, for renderers.</summary>
    public LocalTexts In(string language) => new(this, Languages.Contains(language) ? language : "en");
}

/// <summary>Bot texts bound to one language.</summary>
public sealed record LocalTexts(BotTexts Texts, string Language)
{
    public string this[string key] => Texts.Get(key, Language);

    public string Get(string key, params (string Name, string Value)[] args) => Texts.Get(key, Language, args);
}
