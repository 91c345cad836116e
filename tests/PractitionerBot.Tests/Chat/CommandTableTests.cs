using System.Text.RegularExpressions;
using PractitionerBot.Chat;
using PractitionerBot.Chat.Commands;
using PractitionerBot.Dialogs;
using PractitionerBot.Localization;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Chat;

/// <summary>The one command table: matching, and texts that name a command in the member's own language.</summary>
public sealed partial class CommandTableTests
{
    private static readonly string DialogsPath = Path.Combine(RepoPaths.Root, "dialogs");
    private static readonly CommandTable Table = CommandTable.Load(DialogsPath);

    [Theory]
    [InlineData("groups", "groups", "")]
    [InlineData("Groupes.", "groups", "")]
    [InlineData("GRUPPEN", "groups", "")]
    [InlineData("follow local", "follow", "local")]
    [InlineData("suivre education", "follow", "education")]
    [InlineData("niet meer volgen police", "unfollow", "police")]
    [InlineData("ne plus suivre exit", "unfollow", "exit")]
    [InlineData("oubliez-moi", "forget", "")]
    [InlineData("Welche Gruppe passt zu mir?", "recommend", "")]
    [InlineData("which group is for me: I run a youth centre", "recommend", "I run a youth centre")]
    [InlineData("link", "link", "")]
    [InlineData("announce", "announce", "")]
    public void Match_FindsTheCommandAndItsArgument(string typed, string id, string argument)
    {
        var match = Table.Match(typed);
        Assert.NotNull(match);
        Assert.Equal((id, argument), (match.Command.Id, match.Argument));
    }

    [Theory]
    [InlineData("follow")]                                   // needs a group
    [InlineData("recommendations for teachers on memes")]    // a word that only starts like a command
    [InlineData("How do I set up a local network?")]
    [InlineData("groupsss")]
    public void Match_LeavesOtherMessagesAlone(string typed) => Assert.Null(Table.Match(typed));

    [Theory]
    [InlineData("annuler", FlowControl.Cancel)]
    [InlineData("Überspringen", FlowControl.Skip)]
    [InlineData("opnieuw beginnen", FlowControl.Restart)]
    [InlineData("skip", FlowControl.Skip)]
    public void Control_KnowsTheFlowControlsInEveryLanguage(string typed, FlowControl control) => Assert.Equal(control, Table.Control(typed));

    [Theory]
    [InlineData("comment réagir à un élève qui partage des vidéos", true)]
    [InlineData("Wie erkenne ich Radikalisierung", true)]
    [InlineData("what about returnees", true)]
    [InlineData("tips for parents?", true)]
    [InlineData("Ghent", false)]
    [InlineData("I work with young people in Lyon", false)]
    public void MessageShape_TellsAQuestionFromAStatement(string text, bool question) => Assert.Equal(question, MessageShape.IsQuestion(text));

    /// <summary>"Tapez **forget me**" in a French text would send a French member an English word: every bold command is in the text's language.</summary>
    [Fact]
    public void TextsThatNameACommand_NameItInTheirOwnLanguage()
    {
        var english = Table.Commands.SelectMany(c => c.Words["en"]).Concat(Table.Controls.Values.SelectMany(c => c["en"])).Select(ChoiceMatcher.Fold).ToHashSet();
        var problems = new List<string>();
        foreach (var (source, language, text) in AllTexts())
        {
            if (language == "en") continue;
            var own = Table.Commands.SelectMany(c => c.Words[language]).Concat(Table.Controls.Values.SelectMany(c => c[language])).Select(ChoiceMatcher.Fold).ToHashSet();
            foreach (Match bold in Bold().Matches(text))
            {
                var words = ChoiceMatcher.Fold(bold.Groups[1].Value.Replace("GROUP-ID", "").Replace("{id}", "").Trim());
                if (english.Contains(words) && !own.Contains(words)) problems.Add($"{source} ({language}): **{bold.Groups[1].Value}**");
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void EveryCommand_NamedInAnEnglishText_IsACommandOfTheTable()
    {
        var known = Table.Commands.SelectMany(c => c.Words["en"]).Concat(Table.Controls.Values.SelectMany(c => c["en"])).Select(ChoiceMatcher.Fold).ToHashSet();
        var help = BotTexts.Load(Path.Combine(DialogsPath, "texts.yaml")).Get("help", "en");
        foreach (Match bold in Bold().Matches(help))
        {
            var words = ChoiceMatcher.Fold(bold.Groups[1].Value.Replace("GROUP-ID", "").Trim());
            if (words.Length > 0 && words != "ask the peers") Assert.Contains(words, known);
        }
    }

    private static IEnumerable<(string Source, string Language, string Text)> AllTexts()
    {
        foreach (var (key, byLanguage) in BotTexts.Load(Path.Combine(DialogsPath, "texts.yaml")).All)
            foreach (var (language, text) in byLanguage) yield return ($"texts.yaml {key}", language, text);
        var actions = PractitionerBot.Tests.Dialogs.ShippedDialogActions.Names;
        foreach (var flow in FlowLoader.LoadAll(DialogsPath, actions).Values)
            foreach (var step in flow.Steps.Values)
                foreach (var localized in new[] { step.Text, step.Prompt }.OfType<Localized>())
                    foreach (var (language, text) in localized.ByLanguage) yield return ($"{Path.GetFileName(flow.File)} {step.Id}", language, text);
    }

    [GeneratedRegex(@"\*\*([^*]+?)\??\*\*")]
    private static partial Regex Bold();
}
