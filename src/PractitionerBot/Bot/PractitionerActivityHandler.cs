using System.Text.Json.Nodes;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PractitionerBot.Cards;
using PractitionerBot.Chat;
using PractitionerBot.Conversations;

namespace PractitionerBot.Bot;

/// <summary>Maps Bot Framework activities to the channel-neutral <see cref="ChatService"/> and back.</summary>
internal sealed class PractitionerActivityHandler(ChatService chat, MemberAdmission admission, InvokeRouter invokes, Onboarding.FirstContact welcome,
    ConversationState conversationState, Storage.Database database, Onboarding.TeamWelcomes teamWelcomes, ConversationGate gate) : TeamsActivityHandler
{
    private readonly IStatePropertyAccessor<ConversationData> _data = conversationState.CreateProperty<ConversationData>(nameof(ConversationData));

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = (Activity)turnContext.Activity;
        var text = activity.RemoveRecipientMention() ?? activity.Text;
        var incoming = Incoming(activity, text, CardValue(activity.Value));
        var (proceed, refusal) = admission.Admit(incoming);
        if (!proceed)
        {
            if (refusal is not null) await SendAsync(turnContext, [refusal], cancellationToken);
            return;
        }

        // Typing first: a practitioner should see the bot working within a second.
        await turnContext.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);
        var (data, replies) = await InGateAsync(turnContext, d => chat.HandleAsync(incoming, d, cancellationToken), cancellationToken);
        await SendAsync(turnContext, replies, cancellationToken);
        // "Forget me": the member's state in this conversation goes too (all of it once nobody else has any here),
        // and no copy of anything erased stays behind in the database files.
        if (data.EraseRequested)
        {
            if (data.Forget(incoming.UserId)) await conversationState.DeleteAsync(turnContext, cancellationToken);
            else await conversationState.SaveChangesAsync(turnContext, force: true, cancellationToken);
            await database.ScrubAsync(cancellationToken);
        }
    }

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation?.ConversationType is null or "personal") await WelcomeHereAsync(turnContext, cancellationToken);
    }

    protected override Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.Conversation?.ConversationType is null or "personal"
            ? welcome.UninstalledAsync(Incoming((Activity)turnContext.Activity, null, null), cancellationToken)
            : Task.CompletedTask;

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext,
        CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Conversation?.ConversationType is null or "personal")
        {
            // Teams also sends installationUpdate for a personal install, which welcomes: welcome once, not twice.
            if (activity.ChannelId != Microsoft.Bot.Connector.Channels.Msteams) await WelcomeHereAsync(turnContext, cancellationToken);
            return;
        }
        // Added to a team or group chat: each new person gets the welcome in a 1:1 chat, never as noise in the channel; the bot
        // itself, one short welcome in the channel. Only rows are written here: the outbox sends them after the turn, throttled.
        var team = Incoming((Activity)activity, null, null);
        var reference = activity.GetConversationReference();
        reference.Conversation.TenantId ??= activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id; // the new personal chats are in this tenant
        var members = membersAdded.Where(m => m.Id != activity.Recipient?.Id && !string.IsNullOrEmpty(m.Id))
            .Select(m => new Onboarding.WelcomeRecipient(Members.UserKey.For(activity.ChannelId ?? "", m.Id), Onboarding.Welcome.Member,
                TeamWelcomeSender.Recipient(reference, m)))
            .ToList();
        var botAdded = membersAdded.Any(m => m.Id == activity.Recipient?.Id) && team.ConversationType == "channel";
        var channel = botAdded ? new Onboarding.WelcomeRecipient(Onboarding.Welcome.Channel, Onboarding.Welcome.Channel, team.ConversationReference!) : null;
        await teamWelcomes.EnqueueAsync(team.TeamId ?? team.ConversationId, members, channel, cancellationToken);
    }

    /// <summary>
    /// The SDK looks up every added member one by one (a GET each) before <see cref="OnMembersAddedAsync"/>: 300 calls for a
    /// team of 300, inside a turn Teams gives 15 s. The ids in the activity are all a welcome needs.
    /// </summary>
    protected override Task OnTeamsMembersAddedDispatchAsync(IList<ChannelAccount> membersAdded, TeamInfo teamInfo,
        ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        OnMembersAddedAsync(membersAdded, turnContext, cancellationToken);

    private async Task WelcomeHereAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var (_, replies) = await InGateAsync(turnContext, d => welcome.StartAsync(Incoming((Activity)turnContext.Activity, null, null), d, cancellationToken),
            cancellationToken);
        await SendAsync(turnContext, replies, cancellationToken);
    }

    /// <summary>
    /// Reads the conversation's state, lets <paramref name="handle"/> change it and saves it, with no other turn of this
    /// conversation in between, all before any reply is sent: a member answers what they see, so the state behind a prompt must
    /// be stored by the time the prompt arrives (on any instance).
    /// </summary>
    private async Task<(ConversationData Data, IReadOnlyList<Reply> Replies)> InGateAsync(ITurnContext turnContext,
        Func<ConversationData, Task<IReadOnlyList<Reply>>> handle, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        using var inside = await gate.EnterAsync($"{activity.ChannelId}/{activity.Conversation?.Id}", cancellationToken);
        await conversationState.LoadAsync(turnContext, force: true, cancellationToken);
        var data = await _data.GetAsync(turnContext, () => new ConversationData(), cancellationToken);
        var replies = await handle(data);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        return (data, replies);
    }

    private static async Task SendAsync(ITurnContext turnContext, IReadOnlyList<Reply> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
            await turnContext.SendActivityAsync(ReplyActivities.ToActivity(reply, turnContext.Activity.ChannelId), cancellationToken);
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext,
        AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var activity = (Activity)turnContext.Activity;
        var incoming = Incoming(activity, null, null);
        // A card invoke is a turn like a message: one member cannot fire sixty answers at once.
        var (proceed, refusal) = admission.Admit(incoming);
        if (!proceed)
            return new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = (refusal as TextReply)?.Markdown ?? "" };
        var result = await invokes.HandleAsync(incoming, invokeValue.Action?.Verb, CardValue(invokeValue.Action?.Data), cancellationToken);
        if (result.Card is { } card && AdaptiveCardRenderer.Render(card) is { } rendered)
            return new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.card.adaptive", Value = new JRaw(rendered.ToJsonString()) };
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
