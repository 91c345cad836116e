using PractitionerBot.Localization;

namespace PractitionerBot.Dialogs;

/// <summary>The words for yes and no in the bot's four languages, and the member's own button labels: defined once.</summary>
public static class YesNo
{
    private static readonly string[] Yes = ["yes", "y", "ok", "okay", "agree", "i agree", "sure", "oui", "d'accord", "ja", "einverstanden", "akkoord"];
    private static readonly string[] No = ["no", "n", "disagree", "non", "pas d'accord", "nein", "nee", "niet akkoord"];

    public static IReadOnlyList<ChoiceMatcher.Option> Options(LocalTexts local) =>
        [new("yes", [.. Yes, local["dialogYes"]]), new("no", [.. No, local["dialogNo"]])];
}
