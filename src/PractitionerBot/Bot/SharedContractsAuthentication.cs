using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Serialization;

namespace PractitionerBot.Bot;

/// <summary>
/// The SDK's authentication, with one change to the connector clients it makes: they share one Newtonsoft.Json
/// contract resolver for writing and one for reading. The SDK makes a new <see cref="ConnectorClient"/> for every
/// turn and every proactive send, each with resolvers of its own, so every reply used to work out the contracts of
/// <see cref="Activity"/> and its parts again (reflection and compiled expressions: about a third of a turn's CPU,
/// measured with dotnet-trace under <c>bench turns</c>). The resolvers cache those contracts and are safe to share
/// between threads; the settings themselves stay each client's own.
/// </summary>
internal sealed class SharedContractsAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
{
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        Shared(await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken));

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        Shared(await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken));

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => new Factory(inner.CreateConnectorFactory(claimsIdentity));

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private static AuthenticateRequestResult Shared(AuthenticateRequestResult result)
    {
        if (result.ConnectorFactory is { } factory and not Factory) result.ConnectorFactory = new Factory(factory);
        return result;
    }

    /// <summary>Makes clients as the SDK's factory does, then gives them the shared resolvers.</summary>
    private sealed class Factory(ConnectorFactory inner) : ConnectorFactory
    {
        private static IContractResolver? _writing;
        private static IContractResolver? _reading;

        public override async Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        {
            var client = await inner.CreateAsync(serviceUrl, audience, cancellationToken);
            if (client is ConnectorClient connector)
            {
                // The first client's resolvers (the SDK's own configuration) become everyone's.
                connector.SerializationSettings.ContractResolver =
                    Interlocked.CompareExchange(ref _writing, connector.SerializationSettings.ContractResolver, null) ?? connector.SerializationSettings.ContractResolver;
                connector.DeserializationSettings.ContractResolver =
                    Interlocked.CompareExchange(ref _reading, connector.DeserializationSettings.ContractResolver, null) ?? connector.DeserializationSettings.ContractResolver;
            }
            return client;
        }
    }
}
