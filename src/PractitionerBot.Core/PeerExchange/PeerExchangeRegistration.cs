using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Composition;
using PractitionerBot.Conversations;

namespace PractitionerBot.PeerExchange;

public static class PeerExchangeRegistration
{
    /// <summary>
    /// Section "PeerExchange", channel links, peer questions and their cards, reminders and the relay limit.
    /// <paramref name="inTurnMessenger"/> is what sends while a member's turn waits (bounded by the host); reminders use <see cref="IMessenger"/>.
    /// </summary>
    public static IServiceCollection AddPeerExchange(this IServiceCollection services, Func<IServiceProvider, IMessenger>? inTurnMessenger = null)
    {
        services.AddValidatedOptions<PeerExchangeOptions>(PeerExchangeOptions.Section);
        services.AddSingleton<ChannelLinkStore>();
        services.AddSingleton<PeerQuestionStore>();
        services.AddSingleton<PeerQuestionCards>();
        services.AddSingleton(sp => inTurnMessenger is null
            ? ActivatorUtilities.CreateInstance<PeerExchangeService>(sp)
            : ActivatorUtilities.CreateInstance<PeerExchangeService>(sp, inTurnMessenger(sp)));
        services.AddSingleton<ChannelLinking>();
        services.AddSingleton<PeerReminders>();
        services.AddSingleton<RelayLimiter>();
        return services;
    }
}
