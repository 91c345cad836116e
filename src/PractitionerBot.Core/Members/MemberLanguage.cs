using PractitionerBot.Chat;
using PractitionerBot.Localization;

namespace PractitionerBot.Members;

/// <summary>The language to reply to a member in: the one they chose in their profile, else their client's (for answers, the question's).</summary>
public sealed class MemberLanguage(ProfileStore profiles, BotTexts texts)
{
    public async Task<string> OfAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken);
        return BotTexts.Resolve(profile?.Language, message.Locale);
    }

    /// <summary>The texts for an answer: the language the member chose, else the one the question was written in, else their client's.</summary>
    public async Task<LocalTexts> ForAnswerAsync(IncomingMessage message, string? detected, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken);
        return texts.In(BotTexts.LanguageOf(profile?.Language, detected, message.Locale));
    }
}
