using Microsoft.Extensions.Logging;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Hosting;

public sealed class TurnErrorTests
{
    [Fact]
    public async Task FailedTurn_ApologisesAndLogsWithoutTheMessageText()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync();
        var conversation = BotFixture.NewConversation();
        // The connector refuses the answer card: the turn fails after typing was sent.
        connector.FailWith(a => a.ConversationId == conversation && a.Card is not null ? 400 : null);

        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "Ringstrasse question about exit programmes"));
        var apology = await connector.MessageAsync(conversation);

        Assert.Contains("Sorry, something went wrong", apology.Text);
        var logs = string.Join("\n", host.Logs.AtOrAbove(LogLevel.Information));
        Assert.Contains("Turn failed for a message activity", logs);
        Assert.DoesNotContain("Ringstrasse", logs);
    }
}
