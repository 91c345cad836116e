using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PractitionerBot.Cards;
using PractitionerBot.Conversations;

namespace PractitionerBot.Bot;

/// <summary>Turns channel-neutral replies into Bot Framework activities for the channel at hand.</summary>
internal static class ReplyActivities
{
    /// <summary>Channels that render Adaptive Cards 1.5; every other channel (Slack, SMS, ...) gets Markdown.</summary>
    private static readonly HashSet<string> CardChannels = new(StringComparer.OrdinalIgnoreCase)
    {
        "msteams", "webchat", "directline", "emulator", "test",
    };

    public static bool RendersCards(string? channelId) => channelId is not null && CardChannels.Contains(channelId);

    public static IMessageActivity ToActivity(Reply reply, string? channelId)
    {
        if (RendersCards(channelId) && AdaptiveCardRenderer.Render(reply) is { } card)
        {
            var json = card.ToJsonString();
            if (AdaptiveCard.Fits(json))
            {
                var activity = MessageFactory.Attachment(new Attachment
                {
                    ContentType = "application/vnd.microsoft.card.adaptive",
                    // The SDK serialises with Newtonsoft: the card, already JSON, goes in as it is instead of being parsed into a JObject
                    // and written again (that doubled the cost of every card).
                    Content = new JRaw(json),
                });
                return activity;
            }
        }
        var message = MessageFactory.Text(MarkdownRenderer.Render(reply));
        message.TextFormat = TextFormatTypes.Markdown;
        return message;
    }
}
