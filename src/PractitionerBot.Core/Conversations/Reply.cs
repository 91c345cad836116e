namespace PractitionerBot.Chat;

/// <summary>
/// What the bot says, independent of channel. Each channel family renders these view models:
/// Adaptive Cards for Teams and Web Chat, Markdown text for Slack and the rest.
/// </summary>
public abstract record Reply
{
    /// <summary>The member's language, for the renderers' labels; null renders English.</summary>
    public Localization.LocalTexts? Texts { get; init; }

    internal string Label(string key, string english) => Texts?[key] ?? english;

    /// <summary>The texts for renderers whose every label lives in dialogs/texts.yaml; whoever makes the reply chooses its language.</summary>
    internal Localization.LocalTexts T => Texts ?? throw new InvalidOperationException($"{GetType().Name} has no texts: set Texts where the reply is made");
}

public sealed record TextReply(string Markdown) : Reply;

public sealed record AnswerReply(string Question, SourceView Best, string HighlightedText, IReadOnlyList<SourceView> More, double Confidence) : Reply
{
    /// <summary>The working group whose peers could add to this answer.</summary>
    public GroupLine? AskGroup { get; init; }

    /// <summary>The language of the best passage's paper.</summary>
    public string SourceLanguage { get; init; } = "en";
}

/// <summary>Nothing in the papers answers well: say so, and point to the groups whose peers may know.</summary>
public sealed record NoAnswerReply(string Question, IReadOnlyList<GroupRecommendation> Recommended) : Reply;

public sealed record GroupListReply(IReadOnlyList<GroupLine> Groups) : Reply;

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

public sealed record GroupLine(string Id, string Name, string ShortName, string Covers);

/// <summary>A message as the bot logic sees it, whatever channel it came from.</summary>
public sealed record IncomingMessage(
    string ChannelId,
    string UserId,
    string ConversationId,
    string? Text,
    System.Text.Json.Nodes.JsonObject? Value,
    string? Locale)
{
    /// <summary>The sender's display name: used only to sign answers they give to peers.</summary>
    public string? UserName { get; init; }

    public string? AadObjectId { get; init; }

    /// <summary><c>personal</c>, <c>groupChat</c> or <c>channel</c>.</summary>
    public string ConversationType { get; init; } = "personal";

    public string? TeamId { get; init; }

    /// <summary>Opaque reference to this conversation, for messages sent later (answers, reminders).</summary>
    public string? ConversationReference { get; init; }
}
