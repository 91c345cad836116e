using PractitionerBot.PeerExchange;

namespace PractitionerBot.Chat;

/// <summary>Working groups recommended for a person or a question, with the reasons and what they can do next.</summary>
public sealed record RecommendationReply(string Intro, IReadOnlyList<GroupRecommendation> Groups, bool TwoFit, string? Question) : Reply;

public sealed record GroupRecommendation(GroupLine Group, double Score, string Reason, bool Followed);

/// <summary>The form to put a question to a group's peers: editable text, optionally anonymous.</summary>
public sealed record AskPeersFormReply(GroupLine Group, string Question, int MaxLength, string? Problem = null) : Reply;

/// <summary>The question card in the group's channel; peers answer through it.</summary>
public sealed record PeerQuestionReply(PeerQuestionView Question, int MaxAnswerLength, string? Notice = null) : Reply;

public sealed record PeerQuestionView(string Id, GroupLine Group, string Text, string AskedBy, PeerQuestionStatus Status, int Answers, DateTimeOffset Created);

/// <summary>An answer from a peer, delivered to the asker's personal chat.</summary>
public sealed record PeerAnswerReply(string QuestionId, GroupLine Group, string QuestionText, string AnswererName, string Answer) : Reply;

/// <summary>What an Action.Execute invoke returns: a card that replaces the one clicked, or a short message.</summary>
public sealed record InvokeReply(Reply? Card, string? Message)
{
    public static InvokeReply Text(string message) => new(null, message);
}
