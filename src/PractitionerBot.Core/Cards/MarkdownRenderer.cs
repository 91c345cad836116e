namespace PractitionerBot.Cards;

/// <summary>Renders replies as Markdown text, for channels without Adaptive Cards (Slack and others).</summary>
public static class MarkdownRenderer
{
    public static string Render(IRenderable reply) => reply.ToMarkdown();
}
