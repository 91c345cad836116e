using System.Text;
using System.Text.Json.Nodes;
using PractitionerBot.Cards;
using PractitionerBot.Conversations;
using PractitionerBot.Knowledge.Model;
using PractitionerBot.PeerExchange;

namespace PractitionerBot.Answers;

/// <summary>Cards for answers, "no good answer", the list of groups and recommendations, and their Markdown for other channels.</summary>
internal static class AnswerCards
{

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
            new TextBlock(SourceLine(answer)) { Size = TextSize.Small, IsSubtle = true },
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
            FallbackText = Markdown(answer),
        };
    }

    public static AdaptiveCard NoAnswer(NoAnswerReply reply)
    {
        var body = new List<CardElement>
        {
            new TextBlock(NoAnswerTitle(reply)) { Weight = TextWeight.Bolder, Heading = true },
            new TextBlock(NoAnswerLead(reply)) { Spacing = Spacing.Small },
        };
        body.AddRange(reply.Recommended.Select(r => GroupBlock(r, reply.Question, reply)));
        return new AdaptiveCard
        {
            Body = body,
            Actions = [new SubmitAction(reply.Label("groupsAllButton", "All ten groups"), new JsonObject { ["action"] = "groups" })],
            FallbackText = Markdown(reply),
        };
    }

    public static AdaptiveCard GroupList(GroupListReply list) => new()
    {
        Body =
        [
            new TextBlock(GroupsTitle(list)) { Size = TextSize.Medium, Weight = TextWeight.Bolder, Heading = true },
            GroupFacts(list.Groups),
        ],
        FallbackText = Markdown(list),
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

    /// <summary>"Source: title (year)" in the member's language, for the card and the Markdown alike.</summary>
    private static string SourceLine(AnswerReply answer)
    {
        var source = answer.Best.SourceTitle + YearSuffix(answer.Best.Year);
        return answer.Texts?.Get("answerSource", ("source", source)) ?? $"Source: {source}";
    }

    private static JsonObject Feedback(AnswerReply answer, bool helpful) => new()
    {
        ["action"] = "feedback",
        ["helpful"] = helpful,
        ["documentId"] = answer.Best.DocumentId,
        ["passageId"] = answer.Best.PassageId,
        ["question"] = TextUtil.Truncate(answer.Question, 500),
    };

    public static AdaptiveCard Recommendation(RecommendationReply reply)
    {
        var body = new List<CardElement> { new TextBlock(reply.Intro) { Size = TextSize.Medium, Heading = true } };
        body.AddRange(reply.Groups.Select(g => GroupBlock(g, reply.Question, reply)));
        return new AdaptiveCard
        {
            Body = body,
            Actions = [new SubmitAction(reply.Label("groupsAllButton", "All ten groups"), new JsonObject { ["action"] = "groups" })],
            FallbackText = Markdown(reply),
        };
    }

    public static Container GroupBlock(GroupRecommendation r, string? question, Reply reply) => new(
    [
        new TextBlock($"**{r.Group.Name}** ({r.Group.ShortName})"),
        new TextBlock(Capitalise(r.Reason) + ".") { Size = TextSize.Small, IsSubtle = true, Spacing = Spacing.None },
        new ActionSet(
        [
            r.Followed
                ? new SubmitAction(reply.Label("unfollowButton", "Unfollow"), new JsonObject { ["action"] = "unfollow", ["group"] = r.Group.Id })
                : new SubmitAction(reply.Texts?.Get("followButton", ("group", r.Group.ShortName)) ?? $"Follow {r.Group.ShortName}",
                    new JsonObject { ["action"] = "follow", ["group"] = r.Group.Id }),
            PeerCards.AskPeersAction(r.Group, question, reply),
        ]),
    ])
    { Separator = true, Spacing = Spacing.Medium };

    public static string Markdown(AnswerReply answer)
    {
        var best = answer.Best;
        var sb = new StringBuilder();
        sb.Append("**").Append(best.Title).Append("**");
        if (Describe(best, answer.Texts) is { Length: > 0 } description) sb.Append(" (").Append(description).Append(')');
        if (answer.Texts is { Language: not "en" } t && answer.SourceLanguage == "en") sb.Append("\n\n_").Append(t["answerInEnglish"]).Append('_');
        sb.Append("\n\n").Append(answer.HighlightedText).Append("\n\n");
        sb.Append('_').Append(SourceLine(answer)).Append('_');
        if (best.UrlAtPage is { } url) sb.Append(" · [").Append(answer.Label("answerOpenPaper", "Open the paper")).Append("](").Append(url.AbsoluteUri).Append(')');
        if (answer.More.Count > 0)
        {
            sb.Append("\n\n**").Append(answer.Label("answerAlsoRelevant", "Also relevant")).Append("**\n");
            foreach (var more in answer.More)
            {
                sb.Append("- **").Append(more.Title).Append("**");
                if (more.Year is { } year) sb.Append(" (").Append(year).Append(')');
                sb.Append(": ").Append(more.Snippet).Append('\n');
            }
        }
        return sb.ToString().TrimEnd();
    }

    public static string Markdown(RecommendationReply r) =>
        r.Intro + "\n\n" + Recommended(r.Groups) + "\n\n" + r.Label("markdownFollowHint", "Type **follow GROUP-ID** to follow a group.");

    public static string Markdown(NoAnswerReply reply) =>
        $"**{NoAnswerTitle(reply)}**\n\n{NoAnswerLead(reply)}" + (reply.Recommended.Count > 0
            ? "\n\n" + Recommended(reply.Recommended)
            : " " + reply.Label("markdownGroupsHint", "Type **groups** to see the ten working groups."));

    private static string NoAnswerTitle(NoAnswerReply reply) => reply.Label("noAnswerTitle", "I could not find a good answer to that in the RAN papers.");

    private static string NoAnswerLead(NoAnswerReply reply) => reply.Recommended.Count > 0
        ? reply.Label("noAnswerWithGroups", "Rephrasing with the key words of your situation may help. The peers in these working groups may know:")
        : reply.Label("noAnswerWithoutGroups", "Rephrasing with the key words of your situation may help, or ask the peers in one of the ten working groups.");

    private static string Recommended(IReadOnlyList<GroupRecommendation> groups) =>
        string.Join('\n', groups.Select(g => $"- **{g.Group.Name}** (`{g.Group.Id}`): {g.Reason}"));

    public static string Markdown(GroupListReply list) => $"**{GroupsTitle(list)}**\n\n" + Lines(list.Groups);

    private static string GroupsTitle(GroupListReply list) => list.Label("groupsTitle", "The ten RAN working groups");

    private static string Lines(IReadOnlyList<GroupLine> groups) =>
        string.Join('\n', groups.Select(g => $"- **{g.Name}** ({g.ShortName}): {g.Covers}"));

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
