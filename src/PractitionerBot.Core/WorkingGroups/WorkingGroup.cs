namespace PractitionerBot.WorkingGroups;

/// <summary>A RAN working group's profile, loaded from <c>index/working-groups.yaml</c>.</summary>
public sealed record WorkingGroup(
    string Id,
    string Name,
    string ShortName,
    string Covers,
    string Description,
    IReadOnlyList<string> Members,
    IReadOnlyList<string> TypicalQuestions,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Phrases,
    IReadOnlyDictionary<string, string> Names)
{
    /// <summary>The group's name in a language (en, fr, de, nl), falling back to English.</summary>
    public string NameIn(string? language) =>
        language is not null && Names.TryGetValue(language, out var name) ? name : Name;
}
