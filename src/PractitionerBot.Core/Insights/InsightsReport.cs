namespace PractitionerBot.Insights;

/// <summary>What the coordinators see for a period: the JSON of <c>GET /api/insights</c>, its CSV and the <c>/insights</c> page.</summary>
public sealed record InsightsReport(
    DateTimeOffset From,
    DateTimeOffset To,
    QuestionCounts Questions,
    IReadOnlyDictionary<string, int> ByLanguage,
    IReadOnlyList<GroupQuestions> ByWorkingGroup,
    IReadOnlyList<DayQuestions> ByDay,
    IReadOnlyList<UnansweredTopic> UnansweredTopics,
    IReadOnlyList<PaperFeedback> UnhelpfulPapers,
    PeerQuestionCounts PeerQuestions,
    IReadOnlyList<AnnouncementReach> Announcements);

public sealed record QuestionCounts(int Asked, int Answered, int Abstained, int Helpful, int NotHelpful);

public sealed record GroupQuestions(string Id, string Name, int Asked, int Answered, int Abstained);

public sealed record DayQuestions(DateOnly Date, int Answered, int Abstained);

/// <summary>Questions the papers did not answer, with the same key terms; <see cref="Members"/> is at least the threshold.</summary>
public sealed record UnansweredTopic(IReadOnlyList<string> Terms, int Members, int Asked, DateTimeOffset LastAsked);

public sealed record PaperFeedback(string DocumentId, int NotHelpful, int Helpful);

public sealed record PeerQuestionCounts(int Asked, int Answered, int Resolved, double? MedianHoursToFirstAnswer, IReadOnlyList<GroupPeerQuestions> ByWorkingGroup);

public sealed record GroupPeerQuestions(string Id, string Name, int Asked, int Unanswered, double? MedianHoursToFirstAnswer);

public sealed record AnnouncementReach(string Id, string Title, int Delivered, int Failed, int Interested);
