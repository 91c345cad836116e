using System.Text;
using PractitionerBot.Chat;

namespace PractitionerBot.Cards;

/// <summary>Renders replies as Markdown text, for channels without Adaptive Cards (Slack and others).</summary>
public static class MarkdownRenderer
{
    public static string Render(Reply reply) => reply switch
    {
        TextReply text => text.Markdown,
        AnswerReply answer => Answer(answer),
        NoAnswerReply none => NoAnswer(none),
        GroupListReply list => GroupList(list.Groups),
        RecommendationReply r => r.Intro + "\n\n" + Recommended(r.Groups) + "\n\nType **follow GROUP-ID** to follow a group.",
        AskPeersFormReply form => form.T.Get("peerAskTeamsOnly", ("group", form.Group.Name)),
        PeerQuestionReply q => $"**{q.T.Get("peerChannelTitle", ("group", q.Question.Group.Name))}**\n\n{MemberText.Escape(q.Question.Text)}\n\n_{q.T.Get("peerAskedByLine", ("name", MemberText.Escape(q.Question.AskedBy)))}_",
        Dialogs.DialogPromptReply p => Prompt(p),
        Announcements.AnnouncementReply a => $"**{a.Announcement.Title}**" + (a.Announcement.Url is { } u ? $"\n\n[{a.T["announcementDetails"]}]({u})" : ""),
        Members.ProfileReply p => $"**{p.Title}**\n\n" + string.Join('\n', p.Fields.Select(f => $"- {f.Label}: {MemberText.Escape(f.Value)}")) + $"\n\n_{p.Note}_",
        PeerAnswerReply a => $"**{a.T.Get("peerAnswerHeading", ("group", a.Group.Name))}**\n\n{a.T["peerAnswerFrom"]}: {MemberText.Escape(a.AnswererName)}\n\n{MemberText.Escape(a.Answer)}",
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "no Markdown rendering for this reply"),
    };

    private static string Answer(AnswerReply answer)
    {
        var best = answer.Best;
        var sb = new StringBuilder();
        sb.Append("**").Append(best.Title).Append("**");
        if (AdaptiveCardRenderer.Describe(best, answer.Texts) is { Length: > 0 } description) sb.Append(" (").Append(description).Append(')');
        if (answer.Texts is { Language: not "en" } t && answer.SourceLanguage == "en") sb.Append("\n\n_").Append(t["answerInEnglish"]).Append('_');
        sb.Append("\n\n").Append(answer.HighlightedText).Append("\n\n");
        sb.Append("_Source: ").Append(best.SourceTitle).Append(best.Year is { } y ? $" ({y})" : "").Append('_');
        if (best.UrlAtPage is { } url) sb.Append(" · [Open the paper](").Append(url.AbsoluteUri).Append(')');
        if (answer.More.Count > 0)
        {
            sb.Append("\n\n**Also relevant**\n");
            foreach (var more in answer.More)
            {
                sb.Append("- **").Append(more.Title).Append("**");
                if (more.Year is { } year) sb.Append(" (").Append(year).Append(')');
                sb.Append(": ").Append(more.Snippet).Append('\n');
            }
        }
        return sb.ToString().TrimEnd();
    }

    private static string Prompt(Dialogs.DialogPromptReply p)
    {
        var sb = new StringBuilder();
        if (p.LeadIn is not null) sb.Append("**").Append(p.LeadIn).Append("**\n\n");
        if (p.Problem is not null) sb.Append('_').Append(p.Problem).Append("_\n\n");
        sb.Append(p.Prompt);
        if (p.Choices.Count > 0)
            sb.Append("\n\n").Append(string.Join('\n', p.Choices.Select((c, i) => $"{i + 1}. {c.Title}")));
        if (p.Skippable) sb.Append("\n\n").Append(p.T.Get("dialogSkipHint", ("skip", p.Labels.SkipWord)));
        return sb.ToString();
    }

    private static string NoAnswer(NoAnswerReply reply) =>
        "I could not find a good answer to that in the RAN papers. Rephrasing with the key words of your situation may help. " +
        (reply.Recommended.Count > 0 ? "The peers in these working groups may know:\n\n" + Recommended(reply.Recommended) : "Type **groups** to see the ten working groups.");

    private static string Recommended(IReadOnlyList<GroupRecommendation> groups) =>
        string.Join('\n', groups.Select(g => $"- **{g.Group.Name}** (`{g.Group.Id}`): {g.Reason}"));

    private static string GroupList(IReadOnlyList<GroupLine> groups) => "**The ten RAN working groups**\n\n" + Lines(groups);

    private static string Lines(IReadOnlyList<GroupLine> groups) =>
        string.Join('\n', groups.Select(g => $"- **{g.Name}** ({g.ShortName}): {g.Covers}"));
}
