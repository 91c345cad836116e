using PractitionerBot.Dialogs;
using PractitionerBot.Localization;
using PractitionerBot.Conversations;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Dialogs;

/// <summary>How the dialog engine reads a typed answer to each kind of step: the answer it stores, or the problem it names.</summary>
public sealed class DialogParsingTests : IDisposable
{
    private static readonly LocalTexts English = BotTexts.Load(Path.Combine(RepoPaths.Root, "dialogs", "texts.yaml")).In("en");
    private readonly TempDir _dir = new();
    private readonly FlowDefinition _flow;

    public DialogParsingTests()
    {
        File.Copy(Path.Combine(RepoPaths.Root, "dialogs", FlowLoader.SchemaFile), _dir.File(FlowLoader.SchemaFile));
        File.WriteAllText(_dir.File("parsing.yaml"), """
            id: parsing
            start: short
            steps:
              - id: short
                type: text
                prompt: {en: "Short:"}
                store: short
                maxLength: 5
                next: link
              - id: link
                type: text
                format: url
                prompt: {en: "Link:"}
                store: link
                next: when
              - id: when
                type: text
                format: datetime
                prompt: {en: "When:"}
                store: when
                next: sure
              - id: sure
                type: confirm
                prompt: {en: "Sure?"}
                store: sure
                yes: role
                no: role
              - id: role
                type: choice
                prompt: {en: "Role:"}
                store: role
                choices:
                  - {value: teacher, title: {en: "Teacher", fr: "Enseignant"}, synonyms: [school]}
                  - {value: police, title: {en: "Police officer"}}
                next: topics
              - id: topics
                type: multichoice
                prompt: {en: "Topics:"}
                store: topics
                choices:
                  - {value: online, title: {en: "Online and offline"}}
                  - {value: prisons, title: {en: "Prisons"}}
                  - {value: youth, title: {en: "Youth"}}
                next: done
              - id: done
                type: end
            """);
        _flow = FlowLoader.LoadAll(_dir.Path, ShippedDialogActions.Names)["parsing"];
    }

    [Theory]
    [InlineData("short", "  abc  ", "abc")]
    [InlineData("link", "https://example.org/x", "https://example.org/x")]
    [InlineData("when", "2031-03-10 09:30", "2031-03-10 09:30")]
    [InlineData("sure", "yes", "yes")]
    [InlineData("sure", "no", "no")]
    [InlineData("role", "Enseignant", "teacher")]
    [InlineData("role", "school", "teacher")]
    [InlineData("role", "polise oficer", "police")]
    [InlineData("topics", "online and offline", "online")] // a title that holds "and" is one choice
    [InlineData("topics", "prisons, youth and prisons", "prisons|youth")]
    public void Parse_AnAnswer_StoresItsValue(string step, string input, string expected)
    {
        var (answer, problem) = DialogEngine.Parse(_flow.Steps[step], new DialogState(), input, English);
        Assert.Null(problem);
        Assert.Equal(expected.Split('|'), answer);
    }

    [Theory]
    [InlineData("short", "", "the answer was empty")]
    [InlineData("short", "abcdef", "that is 6 characters, and the limit is 5")]
    [InlineData("link", "http://example.org", "'http://example.org' is not an https address")]
    [InlineData("when", "next week", "'next week' is not a date and time")]
    [InlineData("sure", "perhaps", "please answer yes or no")]
    [InlineData("role", "", "no option was chosen")]
    [InlineData("role", "astronaut", "'astronaut' is not one of the options")]
    [InlineData("topics", "prisons and astronauts", "'astronauts' is not one of the options")]
    public void Parse_WhatIsNoAnswer_NamesTheProblem(string step, string input, string expected)
    {
        var (answer, problem) = DialogEngine.Parse(_flow.Steps[step], new DialogState(), input, English);
        Assert.Null(answer);
        Assert.StartsWith(expected, problem);
    }

    public void Dispose() => _dir.Dispose();
}
