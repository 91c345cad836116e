using PractitionerBot.Cards;
using PractitionerBot.Conversations;

namespace PractitionerBot.Answers;

/// <summary>Working groups recommended for a person or a question, with the reasons and what they can do next.</summary>
public sealed record RecommendationReply(string Intro, IReadOnlyList<GroupRecommendation> Groups, bool TwoFit, string? Question) : Reply
{
    public override AdaptiveCard ToCard() => AnswerCards.Recommendation(this);

    public override string ToMarkdown() => AnswerCards.Markdown(this);
}

public sealed record GroupRecommendation(GroupLine Group, double Score, string Reason, bool Followed);
