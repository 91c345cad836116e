using PractitionerBot.Conversations;
using PractitionerBot.Dialogs;
using PractitionerBot.Localization;
using PractitionerBot.Members;

namespace PractitionerBot.Onboarding;

/// <summary>First contact (personal install, or added to a team): the welcome and onboarding, once.</summary>
public sealed class FirstContact(ConversationRegistry registry, ProfileStore profiles, DialogEngine dialogs, BotTexts texts)
{
    public async Task<IReadOnlyList<Reply>> StartAsync(IncomingMessage message, ConversationData conversation, CancellationToken cancellationToken)
    {
        await registry.RememberAsync(message, cancellationToken);
        if (conversation.For(message.UserId).InFlow) return [];
        if (await profiles.GetAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken) is not null) return [];
        var context = new DialogContext(message, conversation, BotTexts.Resolve(null, message.Locale));
        var replies = await dialogs.StartAsync(ProfileViews.OnboardingFlow, context, cancellationToken);
        return replies.Select(r => r with { Texts = texts.In(context.Language) }).ToList();
    }

    /// <summary>The bot was removed from a member's personal scope: nothing more is sent there.</summary>
    public Task UninstalledAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        registry.ForgetAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken);
}
