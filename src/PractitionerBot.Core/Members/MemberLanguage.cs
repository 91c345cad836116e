using PractitionerBot.Chat;
using PractitionerBot.Localization;

namespace PractitionerBot.Members;

/// <summary>The language to answer a member in: the one they chose in their profile, else their client's.</summary>
public sealed class MemberLanguage(ProfileStore profiles)
{
    public async Task<string> OfAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken);
        return BotTexts.Resolve(profile?.Language, message.Locale);
    }
}
