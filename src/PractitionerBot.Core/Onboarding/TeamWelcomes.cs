using PractitionerBot.Announcements;
using Microsoft.Extensions.Logging;

namespace PractitionerBot.Onboarding;

/// <summary>
/// Welcomes for members added to a team: written to the <see cref="WelcomeStore"/> inside the turn (one
/// transaction, no calls to the connector) and sent afterwards by the <see cref="WelcomeDispatcher"/>.
/// </summary>
public sealed partial class TeamWelcomes(WelcomeStore store, OnboardingOptions options, TimeProvider time, ILogger<TeamWelcomes> log)
{
    /// <summary>Wakes the <see cref="WelcomeDispatcher"/> when welcomes were queued.</summary>
    public OutboxSignal Signal { get; } = new(time);

    /// <summary>Queues a welcome for each member (unless turned off) and, when the bot itself was added, one for the channel.</summary>
    public async Task<int> EnqueueAsync(string teamId, IReadOnlyList<WelcomeRecipient> members, WelcomeRecipient? channel, CancellationToken cancellationToken)
    {
        var recipients = options.WelcomeTeamMembers ? members.DistinctBy(m => m.UserKey).ToList() : [];
        if (channel is not null) recipients.Add(channel);
        if (recipients.Count == 0) return 0;
        var added = await store.EnqueueAsync(teamId, recipients, cancellationToken);
        LogQueued(log, added, recipients.Count - added);
        Signal.Signal();
        return added;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Queued {Added} team welcomes ({Left} left out: profile, already welcomed or already queued)")]
    private static partial void LogQueued(ILogger logger, int added, int left);
}
