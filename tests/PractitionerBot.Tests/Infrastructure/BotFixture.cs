namespace PractitionerBot.Tests.Infrastructure;

/// <summary>One real host and one mock Bot Connector shared by a test class.</summary>
public sealed class BotFixture : IAsyncLifetime
{
    public MockBotConnector Connector { get; private set; } = null!;
    public BotHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await MockBotConnector.StartAsync();
        Host = await BotHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
    }

    public static string NewConversation() => "a:conv-" + Guid.NewGuid().ToString("N")[..10];
}
