using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>
/// What a Markdown client (Teams, Web Chat) makes of a card's text, rendered by a CommonMark implementation with
/// bare URLs made clickable as Teams does: to check what a member's text turns into under the bot's name.
/// </summary>
public static partial class RenderedMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAutoLinks().UseEmphasisExtras().Build();

    public static string Html(string markdown) => Markdown.ToHtml(markdown, Pipeline);

    /// <summary>The text a reader sees, without formatting (CommonMark, no autolinks).</summary>
    public static string Shown(string markdown) => Markdown.ToPlainText(markdown).Trim();

    /// <summary>Every text of a card that a client renders as Markdown: TextBlock texts, fact titles and values.</summary>
    public static IEnumerable<string> Texts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() == "TextBlock" && o["text"] is JsonValue text) yield return text.GetValue<string>();
                if (o["type"]?.GetValue<string>() == "FactSet")
                    foreach (var fact in o["facts"]!.AsArray())
                    {
                        yield return fact!["title"]!.GetValue<string>();
                        yield return fact["value"]!.GetValue<string>();
                    }
                foreach (var (_, child) in o)
                    foreach (var t in Texts(child)) yield return t;
                break;
            case JsonArray a:
                foreach (var child in a)
                    foreach (var t in Texts(child)) yield return t;
                break;
        }
    }

    /// <summary>Formatting the HTML shows: emphasis, headings, lists, quotes, code, images, and links whose shown text is not their address.</summary>
    public static List<string> Formatting(string html)
    {
        var found = Tags().Matches(html).Select(m => m.Value).ToList();
        foreach (Match link in Links().Matches(html))
        {
            // An autolinked address may carry the backslash of an escaped character after it: still the address on show.
            var href = Uri.UnescapeDataString(WebUtility.HtmlDecode(link.Groups["href"].Value)).TrimEnd('\\');
            var shown = WebUtility.HtmlDecode(Regex.Replace(link.Groups["text"].Value, "<[^>]+>", "")).TrimEnd('\\');
            if (href != shown && href != "http://" + shown && href != "mailto:" + shown) found.Add($"link '{shown}' -> {href}");
        }
        return found;
    }

    [GeneratedRegex("<(strong|em|h[1-6]|li|blockquote|code|img|del|table)[ >]")]
    private static partial Regex Tags();

    [GeneratedRegex("<a href=\"(?<href>[^\"]*)\"[^>]*>(?<text>.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex Links();
}
