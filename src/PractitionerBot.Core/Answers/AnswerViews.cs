using PractitionerBot.Cards;
using PractitionerBot.Conversations;

namespace PractitionerBot.Answers;

public sealed record AnswerReply(string Question, SourceView Best, string HighlightedText, IReadOnlyList<SourceView> More, double Confidence) : Reply
{
    public override AdaptiveCard ToCard() => AnswerCards.Answer(this);

    public override string ToMarkdown() => AnswerCards.Markdown(this);

    /// <summary>The working group whose peers could add to this answer.</summary>
    public GroupLine? AskGroup { get; init; }

    /// <summary>The language of the best passage's paper.</summary>
    public string SourceLanguage { get; init; } = "en";
}

/// <summary>Nothing in the papers answers well: say so, and point to the groups whose peers may know.</summary>
public sealed record NoAnswerReply(string Question, IReadOnlyList<GroupRecommendation> Recommended) : Reply
{
    public override AdaptiveCard ToCard() => AnswerCards.NoAnswer(this);

    public override string ToMarkdown() => AnswerCards.Markdown(this);
}

public sealed record GroupListReply(IReadOnlyList<GroupLine> Groups) : Reply
{
    public override AdaptiveCard ToCard() => AnswerCards.GroupList(this);

    public override string ToMarkdown() => AnswerCards.Markdown(this);
}

public sealed record SourceView(
    string DocumentId,
    string PassageId,
    string Title,
    string Section,
    int? Year,
    IReadOnlyList<GroupLine> Groups,
    Uri? Url,
    int? Page,
    string Snippet,
    string SourceTitle)
{
    /// <summary>The page the passage ends on, when it runs over a page break.</summary>
    public int? LastPage { get; init; }

    /// <summary>"2" or "2–3": the pages the passage is on, or null when they are not known.</summary>
    public string? Pages => Page is not { } first ? null
        : LastPage is { } last && last > first ? $"{first}\u2013{last}" : first.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The paper's address, opened at the passage's page (<c>#page=N</c>, which PDF viewers in browsers follow).</summary>
    public Uri? UrlAtPage => Url is null || Page is not { } page || Url.Fragment.Length > 0 ? Url : new Uri(Url.AbsoluteUri + "#page=" + page);
}
