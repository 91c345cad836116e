using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using PractitionerBot.Announcements;
using PractitionerBot.Conversations;
using PractitionerBot.Onboarding;

namespace PractitionerBot.Bot;

/// <summary>
/// A member's welcome, sent from the outbox: creates their personal chat (Teams gives back the existing one if there is one),
/// starts onboarding there and sends its first messages. Each call to the connector waits its turn in the throttled sender.
/// </summary>
internal sealed class TeamWelcomeSender(PractitionerAdapter adapter, BotMessenger messenger, ThrottledSender sender, FirstContact firstContact,
    ConversationState conversationState, IOptions<Hosting.BotAuthOptions> auth) : IWelcomeSender
{
    private readonly IStatePropertyAccessor<ConversationData> _data = conversationState.CreateProperty<ConversationData>(nameof(ConversationData));

    /// <summary>What the outbox row keeps: the team's reference with the member as its user (ids only, no name).</summary>
    public static string Recipient(ConversationReference team, ChannelAccount member) => BotMessenger.Serialize(new ConversationReference
    {
        ChannelId = team.ChannelId,
        ServiceUrl = team.ServiceUrl,
        Bot = team.Bot,
        Conversation = team.Conversation,
        Locale = team.Locale,
        User = new ChannelAccount(member.Id, aadObjectId: member.AadObjectId),
    });

    public async Task<WelcomeResult> WelcomeAsync(Welcome welcome, Func<int, Task> partSent, CancellationToken cancellationToken)
    {
        var team = JsonConvert.DeserializeObject<ConversationReference>(welcome.Recipient)
                   ?? throw new InvalidOperationException("empty welcome recipient");
        string? conversationId = null;
        var created = await sender.CallAsync(team.User.Id, ct => messenger.CallAsync(async c =>
        {
            conversationId = await CreatePersonalChatAsync(team, c);
            return null;
        }, ct), cancellationToken);
        if (!created.Sent) return new WelcomeResult(created);
        if (conversationId is null) return new WelcomeResult(new SendResult(false, Error: "Teams created no conversation"));

        var personal = new ConversationReference
        {
            ChannelId = team.ChannelId,
            ServiceUrl = team.ServiceUrl,
            Bot = team.Bot,
            User = team.User,
            Locale = team.Locale,
            Conversation = new ConversationAccount(isGroup: false, conversationType: "personal", id: conversationId, tenantId: team.Conversation?.TenantId),
        };
        var reference = BotMessenger.Serialize(personal);
        var turn = new TurnContext(adapter, (Activity)personal.GetContinuationActivity());
        // A member already talking to the bot in that chat (a flow under way) is not interrupted by a welcome.
        if (welcome.PartsSent == 0 && (await _data.GetAsync(turn, () => new ConversationData(), cancellationToken)).For(team.User.Id).InFlow)
            return new WelcomeResult(new SendResult(true), Skipped: true);

        var message = new IncomingMessage(team.ChannelId ?? "", team.User.Id, conversationId, null, null, team.Locale)
        {
            AadObjectId = team.User.AadObjectId,
            ConversationReference = reference,
        };
        // The same first messages every time, so a retry sends only the parts that did not arrive.
        var data = new ConversationData();
        var replies = await firstContact.StartAsync(message, data, cancellationToken);
        if (replies.Count == 0) return new WelcomeResult(new SendResult(true), Skipped: true);
        for (var i = welcome.PartsSent; i < replies.Count; i++)
        {
            var sent = await sender.SendAsync(conversationId, reference, replies[i], cancellationToken);
            if (!sent.Sent) return new WelcomeResult(sent);
            if (i == 0)
            {
                // The flow is stored once the member can see it, so their first reply continues it.
                await _data.SetAsync(turn, data, CancellationToken.None);
                await conversationState.SaveChangesAsync(turn, force: true, CancellationToken.None);
            }
            await partSent(i + 1);
        }
        return new WelcomeResult(new SendResult(true));
    }

    private async Task<string?> CreatePersonalChatAsync(ConversationReference team, CancellationToken cancellationToken)
    {
        var tenantId = team.Conversation?.TenantId;
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = team.Bot,
            Members = [team.User],
            TenantId = tenantId,
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo(tenantId) },
        };
        string? id = null;
        await adapter.CreateConversationAsync(auth.Value.MicrosoftAppId ?? "", team.ChannelId, team.ServiceUrl, null, parameters, (turn, _) =>
        {
            id = turn.Activity.Conversation?.Id;
            return Task.CompletedTask;
        }, cancellationToken);
        return id;
    }
}
