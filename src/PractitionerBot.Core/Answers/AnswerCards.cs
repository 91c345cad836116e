using System.Text.Json.Nodes;
using PractitionerBot.Chat;
using PractitionerBot.Knowledge;

namespace PractitionerBot.Cards;

/// <summary>Renders replies as Adaptive Cards 1.5, for Teams, Web Chat and the Emulator.</summary>
public static class AdaptiveCardRenderer
{
    /// <summary>The card for a reply, or null when the reply is plain text.</summary>
    public static AdaptiveCard? Render(Reply reply) => reply switch
    {
        AnswerReply answer => Answer(answer),
        NoAnswerReply none => NoAnswer(none),
        GroupListReply list => GroupList(list),
        RecommendationReply recommendation => PeerCards.Recommendation(recommendation),
        AskPeersFormReply form => PeerCards.AskForm(form),
        PeerQuestionReply question => PeerCards.ChannelQuestion(question),
        PeerAnswerReply answer => PeerCards.AnswerToAsker(answer),
        Dialogs.DialogPromptReply prompt => MemberCards.Prompt(prompt),
        Announcements.AnnouncementReply announcement => AnnouncementCards.Render(announcement),
        Members.ProfileReply profile => MemberCards.Profile(profile),
        _ => null,
    };

    public static AdaptiveCard Answer(AnswerReply answer)
    {
        var best = answer.Best;
        var body = new List<CardElement>
        {
            new TextBlock(answer.Label("answerFromPapers", "From the RAN papers")) { Size = TextSize.Small, IsSubtle = true, Wrap = false },
            new TextBlock(best.Title) { Size = TextSize.Medium, Weight = TextWeight.Bolder, Heading = true, Spacing = Spacing.None },
            new TextBlock(Describe(best, answer.Texts)) { Size = TextSize.Small, IsSubtle = true, Spacing = Spacing.None },
        };
        // A member reading another language is told why the passage is in English and what the bold words are.
        if (answer.Texts is { Language: not "en" } t && answer.SourceLanguage == "en")
            body.Add(new TextBlock(t["answerInEnglish"]) { Size = TextSize.Small, IsSubtle = true, Spacing = Spacing.Small });
        body.AddRange(
        [
            new TextBlock(answer.HighlightedText) { Spacing = Spacing.Medium },
            new TextBlock(answer.Texts?.Get("answerSource", ("source", best.SourceTitle + YearSuffix(best.Year))) ?? $"Source: {best.SourceTitle}{YearSuffix(best.Year)}") { Size = TextSize.Small, IsSubtle = true },
        ]);
        if (answer.More.Count > 0)
        {
            body.Add(new TextBlock(answer.Label("answerAlsoRelevant", "Also relevant")) { Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium });
            foreach (var more in answer.More)
            {
                var title = more.Url is null ? $"**{more.Title}**" : $"**[{more.Title}]({more.Url.AbsoluteUri})**";
                body.Add(new TextBlock($"{title} · {Describe(more, answer.Texts)}") { Spacing = Spacing.Small });
                body.Add(new TextBlock(more.Snippet) { Size = TextSize.Small, IsSubtle = true, Spacing = Spacing.None, MaxLines = 3 });
            }
        }

        var actions = new List<CardAction>();
        if (best.UrlAtPage is { } url) actions.Add(new OpenUrlAction(answer.Label("answerOpenPaper", "Open the paper"), url));
        actions.Add(new SubmitAction(answer.Label("answerHelpful", "Helpful"), Feedback(answer, helpful: true)));
        actions.Add(new SubmitAction(answer.Label("answerNotHelpful", "Not helpful"), Feedback(answer, helpful: false)));
        if (answer.AskGroup is { } group) actions.Add(PeerCards.AskPeersAction(group, answer.Question, answer));
        return new AdaptiveCard
        {
            Body = body,
            Actions = actions,
            Speak = $"From {best.Title}",
            FallbackText = MarkdownRenderer.Render(answer),
        };
    }

    public static AdaptiveCard NoAnswer(NoAnswerReply reply)
    {
        var body = new List<CardElement>
        {
            new TextBlock(reply.Label("noAnswerTitle", "I could not find a good answer to that in the RAN papers.")) { Weight = TextWeight.Bolder, Heading = true },
            new TextBlock(reply.Recommended.Count > 0
                ? reply.Label("noAnswerWithGroups", "Rephrasing with the key words of your situation may help. The peers in these working groups may know:")
                : reply.Label("noAnswerWithoutGroups", "Rephrasing with the key words of your situation may help, or ask the peers in one of the ten working groups.")) { Spacing = Spacing.Small },
        };
        body.AddRange(reply.Recommended.Select(r => PeerCards.GroupBlock(r, reply.Question, reply)));
        return new AdaptiveCard
        {
            Body = body,
            Actions = [new SubmitAction(reply.Label("groupsAllButton", "All ten groups"), new JsonObject { ["action"] = "groups" })],
            FallbackText = MarkdownRenderer.Render(reply),
        };
    }

    public static AdaptiveCard GroupList(GroupListReply list) => new()
    {
        Body =
        [
            new TextBlock(list.Label("groupsTitle", "The ten RAN working groups")) { Size = TextSize.Medium, Weight = TextWeight.Bolder, Heading = true },
            GroupFacts(list.Groups),
        ],
        FallbackText = MarkdownRenderer.Render(list),
    };

    private static FactSet GroupFacts(IReadOnlyList<GroupLine> groups) =>
        new(groups.Select(g => new Fact(g.Name, g.Covers)).ToList()) { Spacing = Spacing.Medium };

    /// <summary>Section and pages ("2.1 The rota, p. 2–3"), year and working groups.</summary>
    internal static string Describe(SourceView source, Localization.LocalTexts? texts = null)
    {
        var parts = new List<string>();
        var section = !string.IsNullOrWhiteSpace(source.Section) && source.Section != "Overview" ? source.Section : null;
        var pages = source.Pages is { } p ? texts?.Get("answerPages", ("pages", p)) ?? $"p. {p}" : null;
        if (section is not null || pages is not null) parts.Add(string.Join(", ", new[] { section, pages }.OfType<string>()));
        if (source.Year is { } year) parts.Add(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (source.Groups.Count > 0) parts.Add(string.Join(", ", source.Groups.Select(g => g.Name)));
        return string.Join(" · ", parts);
    }

    private static string YearSuffix(int? year) => year is null ? "" : $" ({year})";

    private static JsonObject Feedback(AnswerReply answer, bool helpful) => new()
    {
        ["action"] = "feedback",
        ["helpful"] = helpful,
        ["documentId"] = answer.Best.DocumentId,
        ["passageId"] = answer.Best.PassageId,
        ["question"] = TextUtil.Truncate(answer.Question, 500),
    };
}
