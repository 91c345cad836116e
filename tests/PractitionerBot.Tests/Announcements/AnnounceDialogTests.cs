using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Announcements;

/// <summary>Coordinators announce from Teams: a short flow, a preview of the real card, then publish.</summary>
public sealed class AnnounceDialogTests
{
    [Fact]
    public async Task Coordinator_AnswersTheFlow_SeesThePreview_Publishes()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(AnnouncementEndToEndTests.Keys);
        var (channel, _) = await AnnouncementEndToEndTests.AudienceAsync(host, connector);
        var chat = BotFixture.NewConversation();
        var n = 0;

        async Task<ReceivedActivity> Say(string text)
        {
            await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, chat, text));
            return await connector.MessageAsync(chat, ++n);
        }

        await Say("announce");
        await Say("event");
        await Say("Webinar: digital exit work in practice");
        await Say("local");
        await Say("webinar");
        Assert.Contains("not a date", (await Say("next Tuesday")).Card!.ToJsonString());
        await Say("2031-05-05 10:00");
        await Say("2031-05-05 12:00");
        await Say("online");
        await Say("https://home-affairs.ec.europa.eu/networks/radicalisation-awareness-network-ran_en");
        await Say("skip");
        var preview = await Say("skip");
        Assert.Empty(await CardValidator.ErrorsAsync(preview.Card!));
        Assert.Contains("Preview: nobody has received this yet.", preview.Card!.ToJsonString());
        Assert.DoesNotContain(connector.All, a => a.ConversationId == channel && a.Card is not null);
        var confirm = await connector.MessageAsync(chat, ++n);
        Assert.Contains("Publish it now?", confirm.Card!.ToJsonString());

        Assert.Contains("Published", (await Say("yes")).Text);
        var delivered = await connector.MessageAsync(channel);
        Assert.Contains("digital exit work", delivered.Card!.ToJsonString());
    }

    [Fact]
    public async Task NonCoordinator_IsToldOnlyCoordinatorsCanAnnounce()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string> { ["Roles:Coordinators:0"] = "aad-someone-else" });
        var chat = BotFixture.NewConversation();
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, chat, "announce"));
        Assert.Contains("Only coordinators", (await connector.MessageAsync(chat)).Text);
    }
}
