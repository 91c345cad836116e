using PractitionerBot.Cards;
using PractitionerBot.Conversations;

namespace PractitionerBot.PeerExchange;

/// <summary>The form to put a question to a group's peers: editable text, optionally anonymous.</summary>
public sealed record AskPeersFormReply(GroupLine Group, string Question, int MaxLength, string? Problem = null) : Reply
{
    public override AdaptiveCard ToCard() => PeerCards.AskForm(this);

    public override string ToMarkdown() => T.Get("peerAskTeamsOnly", ("group", Group.Name));
}

/// <summary>The question card in the group's channel; peers answer through it.</summary>
public sealed record PeerQuestionReply(PeerQuestionView Question, int MaxAnswerLength, string? Notice = null) : Reply
{
    public override AdaptiveCard ToCard() => PeerCards.ChannelQuestion(this);

    public override string ToMarkdown() =>
        $"**{T.Get("peerChannelTitle", ("group", Question.Group.Name))}**\n\n{MemberText.Escape(Question.Text)}\n\n_{T.Get("peerAskedByLine", ("name", MemberText.Escape(Question.AskedBy)))}_";
}

public sealed record PeerQuestionView(string Id, GroupLine Group, string Text, string AskedBy, PeerQuestionStatus Status, int Answers, DateTimeOffset Created);

/// <summary>An answer from a peer, delivered to the asker's personal chat.</summary>
public sealed record PeerAnswerReply(string QuestionId, GroupLine Group, string QuestionText, string AnswererName, string Answer) : Reply
{
    public override AdaptiveCard ToCard() => PeerCards.AnswerToAsker(this);

    public override string ToMarkdown() =>
        $"**{T.Get("peerAnswerHeading", ("group", Group.Name))}**\n\n{T["peerAnswerFrom"]}: {MemberText.Escape(AnswererName)}\n\n{MemberText.Escape(Answer)}";
}
