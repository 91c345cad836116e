using PractitionerBot.Answers;
using PractitionerBot.Cards;
using PractitionerBot.Localization;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Answers;

/// <summary>Channels without Adaptive Cards (Slack and others) get the answers' Markdown in the member's language, as the cards are.</summary>
public sealed class AnswerMarkdownTests
{
    private static readonly BotTexts Texts = BotTexts.Load(Path.Combine(RepoPaths.Root, "dialogs", "texts.yaml"));

    [Theory]
    [InlineData("fr", "groupes")]
    [InlineData("de", "Gruppen")]
    [InlineData("nl", "groepen")]
    public void NoAnswer_WithoutRecommendations_IsWrittenInTheMembersLanguage_NamingTheCommandInIt(string language, string groupsCommand)
    {
        var t = Texts.In(language);
        var markdown = MarkdownRenderer.Render(new NoAnswerReply("?", []) { Texts = t });

        Assert.StartsWith($"**{t["noAnswerTitle"]}**", markdown, StringComparison.Ordinal);
        Assert.Contains(t["noAnswerWithoutGroups"], markdown, StringComparison.Ordinal);
        Assert.Contains($"**{groupsCommand}**", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("I could not find", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupList_HasItsTitleInTheMembersLanguage()
    {
        var t = Texts.In("de");
        var markdown = MarkdownRenderer.Render(new GroupListReply([]) { Texts = t });
        Assert.StartsWith($"**{t["groupsTitle"]}**", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("The ten RAN working groups", markdown, StringComparison.Ordinal);
    }
}
