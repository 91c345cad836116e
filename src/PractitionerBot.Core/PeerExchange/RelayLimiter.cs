using PractitionerBot.Conversations;

namespace PractitionerBot.PeerExchange;

/// <summary>
/// What members can make the bot send to someone else has its own limits, per recipient: at most
/// <see cref="PeerExchangeOptions.AnswersPerAskerPerHour"/> answers reach one asker in any hour, however many
/// members (or accounts of one member) send them; and one member posts at most
/// <see cref="PeerExchangeOptions.QuestionsPerMemberPerHour"/> questions to a group's channel in any hour.
/// </summary>
public sealed class RelayLimiter(PeerExchangeOptions options, TimeProvider time)
{
    private readonly SlidingWindowCounter _relayed = new(TimeSpan.FromHours(1), time);
    private readonly SlidingWindowCounter _posted = new(TimeSpan.FromHours(1), time);

    public bool TryRelayTo(string askerKey) => _relayed.TryAdd(askerKey, options.AnswersPerAskerPerHour);

    public bool TryPostTo(string channelConversationId, string askerKey) =>
        _posted.TryAdd(channelConversationId + "|" + askerKey, options.QuestionsPerMemberPerHour);
}
