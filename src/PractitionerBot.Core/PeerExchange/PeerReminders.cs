using PractitionerBot.Conversations;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.PeerExchange;

/// <summary>One reminder in the channel for each open question nobody has answered after <c>PeerExchange:ReminderAfterDays</c>.</summary>
public sealed class PeerReminders(IWorkingGroupDirectory groups, ChannelLinkStore links, PeerQuestionStore questions, IMessenger messenger,
    PeerQuestionCards cards, PeerExchangeOptions options, TimeProvider time)
{
        public async Task<int> SendRemindersAsync(CancellationToken cancellationToken)
    {
        var due = await questions.DueForReminderAsync(time.GetUtcNow().AddDays(-options.ReminderAfterDays), cancellationToken);
        var sent = 0;
        foreach (var question in due)
        {
            if (groups.Find(question.GroupId) is not { } group || await links.ForGroupAsync(group.Id, cancellationToken) is not { } link) continue;
            if (!await questions.MarkRemindedAsync(question.Id, cancellationToken)) continue;
            var notice = cards.InChannel.Get("peerReminder", ("days", options.ReminderAfterDays.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if ((await messenger.SendAsync(link.ConversationReference, cards.ChannelCard(question, group, notice), cancellationToken)).Sent) sent++;
        }
        return sent;
    }

}
