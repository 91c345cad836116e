namespace PractitionerBot.Dialogs;

/// <summary>
/// A conversation flow from <c>dialogs/*.yaml</c>. A flow with a <paramref name="Role"/> runs only for members who have it;
/// others get <paramref name="Refusal"/>.
/// </summary>
public sealed record FlowDefinition(string Id, string Start, IReadOnlyDictionary<string, FlowStep> Steps, string File,
    string? Role = null, Localized? Refusal = null);

public sealed record FlowStep(
    string Id,
    string Type,
    Localized? Text,
    Localized? Prompt,
    string? Store,
    string? Next,
    string? Yes,
    string? No,
    string? On,
    IReadOnlyDictionary<string, string>? Cases,
    string? Default,
    string? Action,
    IReadOnlyList<FlowChoice>? Choices,
    string? ChoicesFrom,
    int? MaxLength,
    bool Skippable,
    string? Format = null)
{
    public bool TakesInput => Type is "choice" or "multichoice" or "text" or "confirm";
}

public sealed record FlowChoice(string Value, Localized Title, IReadOnlyList<string> Synonyms);

/// <summary>Text in several languages; English is always there.</summary>
public sealed record Localized(IReadOnlyDictionary<string, string> ByLanguage)
{
    public string In(string language) => ByLanguage.GetValueOrDefault(language) ?? ByLanguage["en"];

    public static Localized English(string text) => new(new Dictionary<string, string> { ["en"] = text });
}
