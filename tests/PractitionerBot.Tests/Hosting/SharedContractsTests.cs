using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using PractitionerBot.Bot;

namespace PractitionerBot.Tests.Hosting;

/// <summary>
/// The SDK makes a connector client for every turn and every proactive send; with a contract resolver of its own each,
/// every reply worked out the JSON contracts of an activity again (a third of a turn's CPU). The clients now share them.
/// </summary>
public sealed class SharedContractsTests
{
    [Fact]
    public async Task ConnectorClients_MadeForDifferentTurns_ShareTheirContractResolvers_AndKeepTheirOwnSettings()
    {
        var sdk = new ConfigurationBotFrameworkAuthentication(new ConfigurationBuilder().Build());
        var auth = new SharedContractsAuthentication(sdk);
        var identity = new ClaimsIdentity([], "anonymous");

        var first = (ConnectorClient)await auth.CreateConnectorFactory(identity).CreateAsync("http://127.0.0.1:1/", null!, CancellationToken.None);
        var second = (ConnectorClient)await auth.CreateConnectorFactory(identity).CreateAsync("http://127.0.0.1:2/", null!, CancellationToken.None);
        var plain = (ConnectorClient)await sdk.CreateConnectorFactory(identity).CreateAsync("http://127.0.0.1:3/", null!, CancellationToken.None);

        Assert.NotSame(plain.SerializationSettings.ContractResolver, first.SerializationSettings.ContractResolver);
        Assert.Same(first.SerializationSettings.ContractResolver, second.SerializationSettings.ContractResolver);
        Assert.Same(first.DeserializationSettings.ContractResolver, second.DeserializationSettings.ContractResolver);
        Assert.NotSame(first.SerializationSettings, second.SerializationSettings);
        Assert.Equal(plain.SerializationSettings.ContractResolver!.GetType(), first.SerializationSettings.ContractResolver!.GetType());
        Assert.Equal(new Uri("http://127.0.0.1:2/"), second.BaseUri);
    }
}
