using PractitionerBot.Cards;

namespace PractitionerBot.Conversations;

/// <summary>
/// What the bot says, independent of channel. Each channel family renders these view models:
/// Adaptive Cards for Teams and Web Chat, Markdown text for Slack and the rest. A reply renders itself, so each
/// feature keeps its cards next to it and the renderers need not know every feature.
/// </summary>
public abstract record Reply : IRenderable
{
    /// <summary>The card for this reply, or null when it is plain text.</summary>
    public virtual AdaptiveCard? ToCard() => null;

    /// <summary>The reply as Markdown, for channels without Adaptive Cards.</summary>
    public abstract string ToMarkdown();

    /// <summary>The member's language, for the renderers' labels; null renders English.</summary>
    public Localization.LocalTexts? Texts { get; init; }

    internal string Label(string key, string english) => Texts?[key] ?? english;

    /// <summary>The texts for renderers whose every label lives in dialogs/texts.yaml; whoever makes the reply chooses its language.</summary>
    internal Localization.LocalTexts T => Texts ?? throw new InvalidOperationException($"{GetType().Name} has no texts: set Texts where the reply is made");
}

public sealed record TextReply(string Markdown) : Reply
{
    public override string ToMarkdown() => Markdown;
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
