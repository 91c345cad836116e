using Microsoft.Extensions.Logging;
using PractitionerBot.Conversations;
using PractitionerBot.Dialogs;
using PractitionerBot.Localization;
using PractitionerBot.Members;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.PeerExchange;

/// <summary>"link GROUP-ID" and "unlink" in a channel: which channel is a working group's, set by coordinators only.</summary>
public sealed partial class ChannelLinking(IWorkingGroupDirectory groups, ChannelLinkStore links, PeerQuestionCards cards, RoleOptions roles,
    ILogger<ChannelLinking> log)
{
    public async Task<Reply> LinkAsync(IncomingMessage message, string argument, LocalTexts t, CancellationToken cancellationToken)
    {
        if (message.ConversationType != "channel") return new TextReply(t["peerLinkOnlyInChannel"]);
        if (!roles.IsCoordinator(message.AadObjectId)) return new TextReply(t["peerLinkCoordinatorsOnly"]);
        if (groups.Find(argument) is not { } group) return new TextReply(cards.UnknownGroup(argument, t));
        var reference = message.ConversationReference ?? throw new InvalidOperationException("channel messages carry a conversation reference");
        await links.LinkAsync(new ChannelLink(group.Id, message.ConversationId, message.TeamId, reference),
            UserKey.For(message.ChannelId, message.UserId), cancellationToken);
        LogLinked(log, group.Id);
        return new TextReply(t.Get("peerLinked", ("group", group.NameIn(t.Language))));
    }

    public async Task<Reply> UnlinkAsync(IncomingMessage message, LocalTexts t, CancellationToken cancellationToken)
    {
        if (message.ConversationType != "channel") return new TextReply(t["peerUnlinkOnlyInChannel"]);
        if (!roles.IsCoordinator(message.AadObjectId)) return new TextReply(t["peerUnlinkCoordinatorsOnly"]);
        var group = await links.UnlinkAsync(message.ConversationId, cancellationToken);
        return group is null
            ? new TextReply(t["peerNotLinked"])
            : new TextReply(t.Get("peerUnlinked", ("group", groups.Find(group)?.NameIn(t.Language) ?? group)));
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Channel linked to working group {GroupId}")]
    private static partial void LogLinked(ILogger logger, string groupId);
}
