using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using PractitionerBot.Chat;

namespace PractitionerBot.Bot;

/// <summary>Maps Bot Framework activities to the channel-neutral <see cref="ChatService"/> and back.</summary>
internal sealed class PractitionerActivityHandler(ChatService chat, ConversationState conversationState) : TeamsActivityHandler
{
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        // Typing first: a practitioner should see the bot working within a second.
        await turnContext.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);

        var activity = turnContext.Activity;
        var text = activity.Type == ActivityTypes.Message ? (activity as Activity)?.RemoveRecipientMention() ?? activity.Text : activity.Text;
        var message = new IncomingMessage(
            activity.ChannelId ?? "",
            activity.From?.Id ?? "",
            activity.Conversation?.Id ?? "",
            text,
            CardValue(activity.Value),
            activity.Locale);

        var replies = await chat.HandleAsync(message, cancellationToken);
        foreach (var reply in replies)
            await turnContext.SendActivityAsync(ReplyActivities.ToActivity(reply, activity.ChannelId), cancellationToken);
    }

    /// <summary>Card submit data arrives as a Newtonsoft token; anything but an object is ignored.</summary>
    private static JsonObject? CardValue(object? value)
    {
        if (value is null) return null;
        try
        {
            var json = value is string s ? s : Newtonsoft.Json.JsonConvert.SerializeObject(value);
            return JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 32 }) as JsonObject;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or Newtonsoft.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
