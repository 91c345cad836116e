using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PractitionerBot.Bot;

/// <summary>The fields the bot needs to answer an activity, checked before the SDK sees it.</summary>
internal static class ActivityShape
{
    /// <summary>Action.Execute from the bot's cards, the only invoke it serves: the SDK answers any other with 501.</summary>
    public const string CardActionInvoke = "adaptiveCard/action";

    /// <summary>Ids end up in Bot Connector URLs and storage keys; Teams' longest are a few hundred characters.</summary>
    public const int MaxIdLength = 1000;

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
        // Replies are sent from the recipient: without it the SDK cannot address them.
        if (string.IsNullOrWhiteSpace(activity.Recipient?.Id)) problems.Add("'recipient.id' is missing.");
        foreach (var (name, id) in new[]
                 {
                     ("id", activity.Id), ("channelId", activity.ChannelId), ("conversation.id", activity.Conversation?.Id), ("from.id", activity.From?.Id),
                     ("recipient.id", activity.Recipient?.Id), ("replyToId", activity.ReplyToId),
                 })
            if (id is not null && !IsPlainId(id)) problems.Add($"'{name}' must be at most {MaxIdLength} printable ASCII characters.");
        if (activity.Type == ActivityTypes.Invoke && activity.Name != CardActionInvoke)
            problems.Add($"'name' must be '{CardActionInvoke}': no other invoke is served.");
        foreach (var (name, members) in new[] { ("membersAdded", activity.MembersAdded), ("membersRemoved", activity.MembersRemoved) })
            if (members?.Any(m => string.IsNullOrWhiteSpace(m?.Id) || !IsPlainId(m.Id)) == true)
                problems.Add($"Every entry of '{name}' needs a plain 'id'.");
        if (activity.ChannelData is not null && !TeamsChannelDataReadable(activity))
            problems.Add("'channelData' must be an object shaped like Teams channel data, with plain team, channel and tenant ids.");
        return problems;
    }

    /// <summary>Channel ids are printable ASCII; the SDK puts the conversation id in a request header, where anything else throws.</summary>
    private static bool IsPlainId(string id) => id.Length <= MaxIdLength && id.All(c => c is >= ' ' and <= '~');

    /// <summary>The SDK's Teams handler and ours read channelData as <see cref="TeamsChannelData"/>; anything else would throw inside the turn.</summary>
    private static bool TeamsChannelDataReadable(Activity activity)
    {
        if (activity.ChannelData is not JObject) return false;
        try
        {
            // The team id becomes a Bot Connector URL when the SDK looks up a member added to a team.
            var data = activity.GetChannelData<TeamsChannelData>();
            return new[] { data?.Team?.Id, data?.Channel?.Id, data?.Tenant?.Id }.All(id => id is null || IsPlainId(id));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
