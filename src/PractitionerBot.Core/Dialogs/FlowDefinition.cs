namespace PractitionerBot.Dialogs;

/// <summary>
/// A conversation flow from <c>dialogs/*.yaml</c>. A flow with a <paramref name="Role"/> runs only for members who have it;
/// others get <paramref name="Refusal"/>. <paramref name="Title"/> names it in "Back to …" and "Leave …?".
/// </summary>
public sealed record FlowDefinition(string Id, string Start, IReadOnlyDictionary<string, FlowStep> Steps, string File,
    string? Role = null, Localized? Refusal = null, Localized? Title = null, FlowKind Kind = FlowKind.Task);

/// <summary>
/// A task (onboarding, announce) is something the member set out to do: starting another one asks whether to leave it.
/// An aside (a confirmation, a question back) stacks on top of whatever runs and hands back to it when it ends.
/// </summary>
public enum FlowKind { Task, Aside }

/// <summary>What a free-text step takes as its answer; anything else is handled as if no flow were running.</summary>
public enum AnswerShape
{
    /// <summary>Any text that is not a command.</summary>
    Any,

    /// <summary>A statement: a message that reads as a question is answered as a question instead.</summary>
    Statement,
}

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

    public AnswerShape Accepts { get; init; } = AnswerShape.Any;

    /// <summary>Button labels of a confirm step, when "Yes" and "No" would say too little.</summary>
    public Localized? YesLabel { get; init; }

    public Localized? NoLabel { get; init; }
}

public sealed record FlowChoice(string Value, Localized Title, IReadOnlyList<string> Synonyms);

/// <summary>Text in several languages; English is always there.</summary>
public sealed record Localized(IReadOnlyDictionary<string, string> ByLanguage)
{
    public string In(string language) => ByLanguage.GetValueOrDefault(language) ?? ByLanguage["en"];

    public static Localized English(string text) => new(new Dictionary<string, string> { ["en"] = text });
}
