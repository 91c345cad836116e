using PractitionerBot.Conversations;
using PractitionerBot.Localization;

namespace PractitionerBot.Members;

/// <summary>The language to reply to a member in: the one they chose in their profile, else their client's (for answers, the question's).</summary>
public sealed class MemberLanguage(ProfileStore profiles, BotTexts texts)
{
    /// <summary>The language the member chose in their profile, if any: read once a turn.</summary>
    public async Task<string?> ChosenAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        (await profiles.GetAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken))?.Language;

    public async Task<string> OfAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        BotTexts.Resolve(await ChosenAsync(message, cancellationToken), message.Locale);

    /// <summary>The texts for an answer: the language the member chose, else the one the question was written in, else their client's.</summary>
    public LocalTexts ForAnswer(string? chosen, string? detected, string? locale) => texts.In(BotTexts.LanguageOf(chosen, detected, locale));
}
