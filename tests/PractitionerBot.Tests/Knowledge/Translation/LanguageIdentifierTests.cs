using System.Text.Json;
using PractitionerBot.Knowledge.Translation;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Knowledge.Translation;

public sealed class LanguageIdentifierTests
{
    private readonly LanguageIdentifier _identifier = new();

    [Theory]
    [InlineData("Wie kann ich als Lehrer auf extremistische Äußerungen im Unterricht reagieren?", "de")]
    [InlineData("Comment parler avec un élève radicalisé ?", "fr")]
    [InlineData("Hoe praat ik met een leerling die radicaliseert?", "nl")]
    [InlineData("How do I talk to a pupil who is radicalising?", "en")]
    [InlineData("Radikalisierung Prävention", "de")]
    public void Detect_ReadsTheLanguageOfShortAndLongMessages(string text, string expected) =>
        Assert.Equal(expected, _identifier.Detect(text));

    [Theory]
    [InlineData("")]
    [InlineData("12345 ???")]
    public void Detect_TextWithoutWords_IsUndecided(string text) => Assert.Null(_identifier.Detect(text));

    /// <summary>The test set of another helper (484 messages): undecided is allowed (the locale then decides), wrong rarely.</summary>
    [Fact]
    public void Detect_OnTheTestSet_IsRightMostlyAndRarelyWrong()
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "PractitionerBot.Tests", "Data", "language", "messages.jsonl");
        var messages = File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (Text: e.GetProperty("text").GetString()!, Language: e.GetProperty("language").GetString()!)).ToList();
        var detected = messages.Select(m => _identifier.Detect(m.Text)).ToList();
        var right = messages.Where((m, i) => detected[i] == m.Language).Count();
        var wrong = messages.Where((m, i) => detected[i] is { } d && d != m.Language).Count();
        Assert.True(right >= 0.8 * messages.Count, $"{right} of {messages.Count} right");
        Assert.True(wrong <= 0.03 * messages.Count, $"{wrong} of {messages.Count} wrong");
    }
}
