namespace PractitionerBot.Cards;

/// <summary>
/// A view model that renders itself, as a card and as Markdown. Each feature keeps its cards next to it; the renderers
/// only ask, so this namespace knows the card builder and nothing of the features.
/// </summary>
public interface IRenderable
{
    /// <summary>The card, or null when the reply is plain text.</summary>
    AdaptiveCard? ToCard();

    /// <summary>The same content as Markdown, for channels without Adaptive Cards (Slack and others).</summary>
    string ToMarkdown();
}

/// <summary>Renders replies as Adaptive Cards 1.5, for Teams, Web Chat and the Emulator.</summary>
public static class AdaptiveCardRenderer
{
    /// <summary>The card for a reply, or null when the reply is plain text.</summary>
    public static AdaptiveCard? Render(IRenderable reply) => reply.ToCard();
}
