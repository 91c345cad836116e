using PractitionerBot.Conversations;
using PractitionerBot.Localization;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Members;

/// <summary>Following and unfollowing working groups (for their announcements), by command or by button.</summary>
public sealed class FollowService(FollowStore follows, IWorkingGroupDirectory groups)
{
    public async Task<Reply> FollowAsync(IncomingMessage message, string groupId, bool follow, LocalTexts t, CancellationToken cancellationToken)
    {
        if (groups.Find(groupId) is not { } group)
            return new TextReply(t.Get("unknownGroup", ("id", MemberText.Escape(groupId, 60)), ("ids", string.Join(", ", groups.All.Select(g => g.Id)))));
        var key = UserKey.For(message.ChannelId, message.UserId);
        var changed = follow ? await follows.FollowAsync(key, group.Id, cancellationToken) : await follows.UnfollowAsync(key, group.Id, cancellationToken);
        var name = ("group", group.NameIn(t.Language));
        return new TextReply((follow, changed) switch
        {
            (true, true) => t.Get("followDone", name),
            (true, false) => t.Get("followAlready", name),
            (false, true) => t.Get("unfollowDone", name),
            (false, false) => t.Get("unfollowNotFollowing", name),
        });
    }

    public async Task<Reply> FollowingAsync(IncomingMessage message, LocalTexts t, CancellationToken cancellationToken)
    {
        var followed = await follows.GroupsAsync(UserKey.For(message.ChannelId, message.UserId), cancellationToken);
        return new TextReply(followed.Count == 0
            ? t["followingNone"]
            : t.Get("followingList", ("groups", string.Join(", ", followed.Select(id => $"**{groups.Find(id)?.NameIn(t.Language) ?? id}**")))));
    }
}
