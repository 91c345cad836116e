using System.Globalization;
using Microsoft.Bot.Schema;

namespace PractitionerBot.Bot;

/// <summary>The one reading of a Bot Connector refusal's Retry-After header, for replies within a turn and for proactive sends.</summary>
internal static class RetryAfter
{
    /// <summary>The wait the header asks for: delay-seconds (fractions allowed) or an HTTP date; null without a readable header.</summary>
    public static TimeSpan? Of(ErrorResponseException e, DateTimeOffset now)
    {
        if (e.Response?.Headers is not { } headers || !headers.TryGetValue("Retry-After", out var values)
            || values.FirstOrDefault()?.Trim() is not { Length: > 0 } value)
            return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at > now ? at - now : TimeSpan.Zero;
        return null;
    }
}
