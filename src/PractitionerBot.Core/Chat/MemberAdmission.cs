using Microsoft.Extensions.Logging;
using PractitionerBot.Conversations;
using PractitionerBot.Localization;
using PractitionerBot.Members;

namespace PractitionerBot.Chat;

/// <summary>
/// The per-member turn limit, checked before anything else (before the typing indicator too): proceed, or answer politely
/// once, or stay quiet.
/// </summary>
public sealed partial class MemberAdmission(TurnRateLimiter limiter, BotTexts texts, ILogger<MemberAdmission> log)
{
    public (bool Proceed, Reply? Reply) Admit(IncomingMessage message)
    {
        switch (limiter.Check(UserKey.For(message.ChannelId, message.UserId)))
        {
            case TurnRateLimiter.Verdict.Drop:
                return (false, null);
            case TurnRateLimiter.Verdict.WarnOnce:
                LogRateLimited(log);
                return (false, new TextReply(texts.Get("rateLimited", BotTexts.Resolve(null, message.Locale))));
            default:
                return (true, null);
        }
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "A member went over the turn rate limit; further turns are dropped until the minute passes")]
    private static partial void LogRateLimited(ILogger logger);
}
