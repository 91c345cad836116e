using PractitionerBot.Localization;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Localization;

/// <summary>dialogs/texts.yaml: every sentence in the four languages, each translation filling the same placeholders.</summary>
public sealed class BotTextsTests
{
    private static readonly BotTexts Texts = BotTexts.Load(Path.Combine(RepoPaths.Root, "dialogs", "texts.yaml"));

    [Fact]
    public void EveryText_HasAllFourLanguages() =>
        Assert.Empty(Texts.All
            .SelectMany(t => BotTexts.Languages.Where(l => string.IsNullOrWhiteSpace(t.Value.GetValueOrDefault(l))).Select(l => $"{t.Key}: no '{l}'")));

    [Fact]
    public void EveryTranslation_HasTheSamePlaceholdersAsTheEnglish() =>
        Assert.Empty(Texts.All.SelectMany(t => BotTexts.Languages
            .Where(l => t.Value.ContainsKey(l) && !BotTexts.Placeholders(t.Value[l]).SetEquals(BotTexts.Placeholders(t.Value["en"])))
            .Select(l => $"{t.Key}.{l}: {{{string.Join("}, {", BotTexts.Placeholders(t.Value[l]).Order())}}} but en has {{{string.Join("}, {", BotTexts.Placeholders(t.Value["en"]).Order())}}}")));

    /// <summary>A text looked up by a literal key in src (<c>texts.Get("key", ...)</c>, <c>local["key"]</c>, ...) that texts.yaml lacks.</summary>
    [Fact]
    public void EveryKeyUsedInCode_IsATextInAllFourLanguages()
    {
        var lookup = new System.Text.RegularExpressions.Regex(@"\b(?:texts|local|t|T|Texts|_texts)\s*(?:\.Get\(\s*|\[)""([A-Za-z][A-Za-z0-9]*)""");
        var used = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => lookup.Matches(File.ReadAllText(f)).Select(m => (Key: m.Groups[1].Value, File: Path.GetFileName(f))))
            .ToList();

        Assert.True(used.Count > 100, $"only {used.Count} lookups found: has the way code reads texts changed?");
        Assert.Empty(used.Where(u => !Texts.All.TryGetValue(u.Key, out var text) || BotTexts.Languages.Any(l => string.IsNullOrWhiteSpace(text.GetValueOrDefault(l))))
            .Select(u => $"{u.File}: '{u.Key}'").Distinct());
    }

    [Fact]
    public void EveryText_UsesOnlyTheFourLanguages() =>
        Assert.Empty(Texts.All.SelectMany(t => t.Value.Keys.Except(BotTexts.Languages).Select(l => $"{t.Key}: unknown language '{l}'")));

    [Fact]
    public void Get_DoesNotFillPlaceholdersThatAValueBringsAlong()
    {
        // A peer's name or answer is the member's own text: "{answer}" in a name must stay as typed.
        var text = Texts.Get("peerAnswerFallback", "en", ("name", "Sam {answer}"), ("answer", "Call the school first."));
        Assert.Equal("Sam {answer} answered: Call the school first.", text);
    }

    [Theory]
    [InlineData("en", "Monday 10 March 2031")]
    [InlineData("fr", "lundi 10 mars 2031")]
    [InlineData("de", "Montag, 10. März 2031")]
    [InlineData("nl", "maandag 10 maart 2031")]
    public void DayAndDate_UsesTheLanguagesDayAndMonthNames(string language, string expected) =>
        Assert.Equal(expected, Texts.In(language).DayAndDate(new DateTimeOffset(2031, 3, 10, 9, 30, 0, TimeSpan.FromHours(1))));
}
