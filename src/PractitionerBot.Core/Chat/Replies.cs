namespace PractitionerBot.Chat;

/// <summary>
/// What the bot says, independent of channel. Each channel family renders these view models:
/// Adaptive Cards for Teams and Web Chat, Markdown text for Slack and the rest.
/// </summary>
public abstract record Reply;

public sealed record TextReply(string Markdown) : Reply;

public sealed record AnswerReply(string Question, SourceView Best, string HighlightedText, IReadOnlyList<SourceView> More, double Confidence) : Reply;

public sealed record NoAnswerReply(string Question, IReadOnlyList<GroupLine> Groups) : Reply;

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
    string SourceTitle);

public sealed record GroupLine(string Id, string Name, string ShortName, string Covers);

/// <summary>A message as the bot logic sees it, whatever channel it came from.</summary>
public sealed record IncomingMessage(
    string ChannelId,
    string UserId,
    string ConversationId,
    string? Text,
    System.Text.Json.Nodes.JsonObject? Value,
    string? Locale);
