using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PractitionerBot.Tests.Infrastructure;
using static PractitionerBot.Tests.Announcements.AnnouncementEndToEndTests;

namespace PractitionerBot.Tests.Announcements;

/// <summary>
/// An announcement with Microsoft's own Teams test client: published through the REST API, it reaches the
/// linked General channel and a follower's personal chat; "Interested" counts; cancelling updates both cards.
/// </summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PlaygroundAnnouncementTests
{
    [Fact]
    public async Task PublishedEvent_ReachesChannelAndFollower_InterestCounts_CancelUpdatesBothCards()
    {
        await using var host = await BotHost.StartAsync(Keys);
        await using var teams = await Playground.StartAsync(host.MessagesEndpoint);
        var general = teams.Team; // the General channel's id is the team id
        var personal = teams.PersonalChat;

        await teams.SendAsync(general, "user-id-1", "link local", mentionBot: true);
        await teams.WaitForAsync("createMessage", (c, m) => c.StartsWith(general + ";messageid=", StringComparison.Ordinal)
                                                          && m.Text().Contains("now the **Local** channel"));
        await teams.SendAsync(personal, "user-id-0", "follow local");
        await teams.WaitForAsync("createMessage", (c, m) => c == personal && m.Text().Contains("You now follow"));

        var id = await PublishAsync(host);
        var inChannel = await DeliveredAsync(teams, general, id);
        var inChat = await DeliveredAsync(teams, personal, id);
        foreach (var card in new[] { inChannel.Card()!, inChat.Card()! })
        {
            Assert.Empty(await CardValidator.ErrorsAsync(card));
            Assert.Contains("Local P/CVE strategies", card.ToJsonString());
            Assert.Contains($"/api/announcements/{id}/event.ics", card.ToJsonString());
        }

        var interested = await teams.ExecuteAsync($"{general};messageid={inChannel.Id()}", "user-id-2", inChannel.Id(), "interested",
            new JsonObject { ["announcementId"] = id });
        Assert.Equal("application/vnd.microsoft.card.adaptive", interested["type"]!.GetValue<string>());
        Assert.Contains("Interested (1)", interested["value"]!.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, (await Api(host, HttpMethod.Post, $"/api/announcements/{id}/cancel", PublisherKey)).StatusCode);
        var channelUpdate = await UpdatedAsync(teams, general, inChannel.Id());
        var chatUpdate = await UpdatedAsync(teams, personal, inChat.Id());
        foreach (var update in new[] { channelUpdate, chatUpdate })
        {
            Assert.Empty(await CardValidator.ErrorsAsync(update.Card()!));
            Assert.Contains("Cancelled", update.Card()!.ToJsonString());
        }
    }

    private static async Task<string> PublishAsync(BotHost host)
    {
        var created = await Api(host, HttpMethod.Post, "/api/announcements", PublisherKey, Event());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Api(host, HttpMethod.Post, $"/api/announcements/{id}/publish", PublisherKey)).StatusCode);
        return id;
    }

    /// <summary>The announcement's card, posted as a new message in a conversation.</summary>
    private static Task<JsonObject> DeliveredAsync(Playground teams, string conversation, string announcementId) =>
        teams.WaitForAsync("createMessage", (c, m) => c == conversation
                                                    && m.Card()?.ToJsonString().Contains($"/api/announcements/{announcementId}/") == true);

    /// <summary>The same message, replaced in place with a new card.</summary>
    private static Task<JsonObject> UpdatedAsync(Playground teams, string conversation, string messageId) =>
        teams.WaitForAsync("updateMessage", (c, m) => c == conversation && m.Id() == messageId && m.Card() is not null);
}
