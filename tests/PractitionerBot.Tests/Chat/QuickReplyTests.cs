using PractitionerBot.Bot;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Chat;

/// <summary>
/// A member answers a prompt the instant it appears, while the bot's turn that sent it is still going on: the next turn must
/// see the state behind that prompt. Over HTTP with a mock Bot Connector that lets the member reply before it answers the send.
/// </summary>
public sealed class QuickReplyTests
{
    [Fact]
    public async Task AnswersSentTheInstantEachPromptArrives_EachContinueTheFlow()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync();
        var conversation = BotFixture.NewConversation();
        var answers = new Dictionary<string, string> { ["\"step\":\"privacy\""] = "yes", ["\"step\":\"role\""] = "Teacher", ["\"step\":\"country\""] = "Belgium" };
        var statuses = new List<System.Net.HttpStatusCode>();
        connector.BeforeAnswering(async sent =>
        {
            if (sent.ConversationId != conversation || sent.Card?.ToJsonString() is not { } card) return;
            foreach (var (step, answer) in answers)
            {
                if (!card.Contains(step, StringComparison.Ordinal)) continue;
                answers.Remove(step);
                // The member's reply goes all the way through (its turn answered) before the bot hears its own send was delivered.
                using var response = await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, answer));
                statuses.Add(response.StatusCode);
                return;
            }
        });

        await host.PostActivityAsync(Activities.PersonalInstall(connector.ServiceUrl, conversation));

        var city = await connector.WaitForAsync(a => a.ConversationId == conversation && a.Card?.ToJsonString().Contains("\"step\":\"city\"", StringComparison.Ordinal) == true);
        Assert.Empty(await CardValidator.ErrorsAsync(city.Card!));
        Assert.Empty(answers);
        Assert.All(statuses, s => Assert.True((int)s < 300, $"a reply turn answered {s}"));
        // Each prompt once: nothing was asked again because a turn read the state from before the prompt.
        var cards = connector.All.Where(a => a.ConversationId == conversation && a.Card is not null).Select(a => a.Card!.ToJsonString()).ToList();
        foreach (var step in new[] { "privacy", "role", "country", "city" })
            Assert.Single(cards, c => c.Contains($"\"step\":\"{step}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gate_LetsOneTurnOfAConversationInAtATime_AndOthersThrough()
    {
        var gate = new ConversationGate();
        var first = await gate.EnterAsync("msteams/a", CancellationToken.None);
        var second = gate.EnterAsync("msteams/a", CancellationToken.None);
        var other = await gate.EnterAsync("msteams/b", CancellationToken.None); // another conversation does not wait
        Assert.False(second.IsCompleted);

        using var cancelled = new CancellationTokenSource();
        var third = gate.EnterAsync("msteams/a", cancelled.Token);
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);

        first.Dispose();
        first.Dispose(); // leaving twice lets nobody extra in
        var inside = await second;
        var fourth = gate.EnterAsync("msteams/a", CancellationToken.None);
        Assert.False(fourth.IsCompleted);
        inside.Dispose();
        (await fourth).Dispose();
        other.Dispose();
        Assert.Equal(0, gate.Count);
    }
}
