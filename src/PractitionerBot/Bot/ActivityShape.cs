using Microsoft.Bot.Schema;

namespace PractitionerBot.Bot;

/// <summary>The fields the bot needs to answer an activity, checked before the SDK sees it.</summary>
internal static class ActivityShape
{
    public static List<string> Problems(Activity activity)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(activity.Type)) problems.Add("'type' is missing.");
        if (string.IsNullOrWhiteSpace(activity.ChannelId)) problems.Add("'channelId' is missing.");
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl)) problems.Add("'serviceUrl' is missing.");
        else if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            problems.Add("'serviceUrl' must be an absolute http(s) URL.");
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id)) problems.Add("'conversation.id' is missing.");
        if (activity.Type is ActivityTypes.Message or ActivityTypes.Invoke && string.IsNullOrWhiteSpace(activity.From?.Id))
            problems.Add("'from.id' is missing.");
        return problems;
    }
}
