using PractitionerBot.Chat;

namespace PractitionerBot.PeerExchange;

/// <summary>
/// What members can make the bot send to someone else has its own limit, per recipient: at most
/// <see cref="PeerExchangeOptions.AnswersPerAskerPerHour"/> answers reach one asker in any hour, however many
/// members (or accounts of one member) send them.
/// </summary>
public sealed class RelayLimiter(PeerExchangeOptions options, TimeProvider time)
{
    private readonly SlidingWindowCounter _relayed = new(TimeSpan.FromHours(1), time);

    public bool TryRelayTo(string askerKey) => _relayed.TryAdd(askerKey, options.AnswersPerAskerPerHour);
}
