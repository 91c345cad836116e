using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PractitionerBot.Cards;
using PractitionerBot.Chat;

namespace PractitionerBot.Bot;

/// <summary>Maps Bot Framework activities to the channel-neutral <see cref="ChatService"/> and back.</summary>
internal sealed class PractitionerActivityHandler(ChatService chat, ConversationState conversationState) : TeamsActivityHandler
{
    private readonly IStatePropertyAccessor<ConversationData> _data = conversationState.CreateProperty<ConversationData>(nameof(ConversationData));

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        // Typing first: a practitioner should see the bot working within a second.
        await turnContext.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);

        var activity = (Activity)turnContext.Activity;
        var text = activity.RemoveRecipientMention() ?? activity.Text;
        var data = await _data.GetAsync(turnContext, () => new ConversationData(), cancellationToken);
        var replies = await chat.HandleAsync(Incoming(activity, text, CardValue(activity.Value)), data, cancellationToken);
        foreach (var reply in replies)
            await turnContext.SendActivityAsync(ReplyActivities.ToActivity(reply, activity.ChannelId), cancellationToken);
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext,
        AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var activity = (Activity)turnContext.Activity;
        var result = await chat.HandleInvokeAsync(Incoming(activity, null, null), invokeValue.Action?.Verb, CardValue(invokeValue.Action?.Data), cancellationToken);
        if (result.Card is { } card && AdaptiveCardRenderer.Render(card) is { } rendered)
            return new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.card.adaptive", Value = JObject.Parse(rendered.ToJsonString()) };
        return new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = result.Message ?? "" };
    }

    private static IncomingMessage Incoming(Activity activity, string? text, JsonObject? value)
    {
        var reference = activity.GetConversationReference();
        // Later messages start new posts instead of replying to this one.
        reference.ActivityId = null;
        var conversationType = activity.Conversation?.ConversationType ?? "personal";
        if (conversationType == "channel" && reference.Conversation?.Id is { } id && id.Contains(";messageid=", StringComparison.Ordinal))
        {
            // Post new cards at the top of the channel, not inside the thread that linked it.
            reference.Conversation = new ConversationAccount(reference.Conversation.IsGroup, reference.Conversation.ConversationType,
                id[..id.IndexOf(";messageid=", StringComparison.Ordinal)], reference.Conversation.Name, reference.Conversation.AadObjectId,
                reference.Conversation.Role, reference.Conversation.TenantId);
        }
        return new IncomingMessage(activity.ChannelId ?? "", activity.From?.Id ?? "", reference.Conversation?.Id ?? "", text, value, activity.Locale)
        {
            UserName = activity.From?.Name,
            AadObjectId = activity.From?.AadObjectId,
            ConversationType = conversationType,
            TeamId = activity.TeamsGetTeamInfo()?.Id,
            ConversationReference = BotMessenger.Serialize(reference),
        };
    }

    /// <summary>Card data arrives as a Newtonsoft token; anything but an object is ignored.</summary>
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
