using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PractitionerBot.Members;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Announcements;

/// <summary>Announcement cards and reminders in each follower's profile language; the linked channel's card stays English.</summary>
public sealed class AnnouncementLanguageTests
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task GermanFollower_GetsGermanLabelsAndDates_ChannelGetsEnglish_CancelUpdatesEachInItsLanguage()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(AnnouncementEndToEndTests.Keys);
        var (channel, follower) = await AnnouncementEndToEndTests.AudienceAsync(host, connector);
        await SaveProfileAsync(host, follower, language: "de", country: "de");

        var id = await PublishAsync(host, AnnouncementEndToEndTests.Event());
        var inChannel = (await connector.MessageAsync(channel)).Card!;
        var inChat = (await connector.MessageAsync(follower, 2)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(inChannel));
        Assert.Empty(await CardValidator.ErrorsAsync(inChat));

        var english = inChannel.ToJsonString(Readable);
        Assert.Contains("Monday 10 March 2031, 09:30 to Tuesday 11 March 2031, 16:00 (Europe/Brussels)", english);
        Assert.Contains("\"title\":\"Register\"", english);

        var german = inChat.ToJsonString(Readable);
        Assert.Contains("\"text\":\"Treffen · local\"", german);
        Assert.Contains("\"title\":\"Wann\",\"value\":\"Montag, 10. März 2031, 09:30 Uhr bis Dienstag, 11. März 2031, 16:00 Uhr (Europe/Berlin)\"", german);
        Assert.Contains("\"title\":\"Wo\"", german);
        Assert.Contains("\"title\":\"Plätze\"", german);
        Assert.Contains("20. Februar 2031, 17:00 Uhr (Europe/Brussels)", german);
        foreach (var label in new[] { "Anmelden", "Zum Kalender hinzufügen", "Interessiert" })
            Assert.Contains($"\"title\":\"{label}\"", german);
        Assert.DoesNotContain("Register", german);
        Assert.DoesNotContain("Monday", german);

        // "Interested" in the follower's own chat: the refreshed card is theirs, so it stays German.
        var click = Activities.Execute(connector.ServiceUrl, follower, "interested", new JsonObject { ["announcementId"] = id }, userId: "29:user-" + follower);
        click["conversation"]!["conversationType"] = "personal";
        var (_, interested) = await host.InvokeAsync(click);
        Assert.Contains("\"title\":\"Interessiert (1)\"", interested!["value"]!.ToJsonString(Readable));

        await AnnouncementEndToEndTests.Api(host, HttpMethod.Post, $"/api/announcements/{id}/cancel", AnnouncementEndToEndTests.PublisherKey);
        var chatUpdate = (await connector.WaitForAsync(a => a.ConversationId == follower && a.Method == "PUT")).Card!;
        var channelUpdate = (await connector.WaitForAsync(a => a.ConversationId == channel && a.Method == "PUT")).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(chatUpdate));
        Assert.Contains("Abgesagt: Local P/CVE strategies", chatUpdate.ToJsonString(Readable));
        Assert.Contains("Diese Ankündigung wurde von den Koordinatorinnen und Koordinatoren abgesagt.", chatUpdate.ToJsonString(Readable));
        Assert.Contains("Cancelled: Local P/CVE strategies", channelUpdate.ToJsonString(Readable));
    }

    [Fact]
    public async Task FrenchFollower_GetsTheCallAndItsDeadlineReminderInFrench()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(AnnouncementEndToEndTests.Keys, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var (_, follower) = await AnnouncementEndToEndTests.AudienceAsync(host, connector);
        await SaveProfileAsync(host, follower, language: "fr", country: "be");
        var id = await PublishAsync(host, new JsonObject
        {
            ["kind"] = "call", ["title"] = "ISF-Police call for proposals on radicalisation", ["workingGroups"] = new JsonArray("local"),
            ["programme"] = "Internal Security Fund - Police", ["budget"] = "EUR 5 million", ["deadline"] = "2030-03-19T17:00", ["timeZone"] = "Europe/Brussels",
            ["url"] = "https://home-affairs.ec.europa.eu/networks/radicalisation-awareness-network-ran_en",
        });

        var card = (await AdvanceUntilMessage(2)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(card));
        var json = card.ToJsonString(Readable);
        Assert.Contains("\"text\":\"Appel à financement\"", json);
        Assert.Contains("\"title\":\"Date limite\",\"value\":\"clôture dans 19 jours : 19 mars 2030 à 17:00 (Europe/Brussels)\"", json);
        Assert.Contains("\"title\":\"Lire l'appel\"", json);

        await Eventually.Until(() => AnnouncementEndToEndTests.Status(host, id), s => s["delivery"]!["delivered"]!.GetValue<int>() == 2);
        clock.SetUtcNow(new DateTimeOffset(2030, 3, 12, 16, 1, 0, TimeSpan.Zero)); // 7 days before 17:00 Brussels
        var reminder = (await AdvanceUntilMessage(3)).Card!;
        Assert.Empty(await CardValidator.ErrorsAsync(reminder));
        Assert.Contains("Rappel : l'appel clôture dans 7 jour(s).", reminder.ToJsonString(Readable));

        async Task<ReceivedActivity> AdvanceUntilMessage(int count)
        {
            for (var step = 0; step < 100; step++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                try { return await connector.MessageAsync(follower, count).WaitAsync(TimeSpan.FromMilliseconds(300)); }
                catch (TimeoutException) { }
            }
            throw new TimeoutException("no card");
        }
    }

    private static async Task<string> PublishAsync(BotHost host, JsonObject body)
    {
        var created = await AnnouncementEndToEndTests.Api(host, HttpMethod.Post, "/api/announcements", AnnouncementEndToEndTests.PublisherKey, body);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await AnnouncementEndToEndTests.Api(host, HttpMethod.Post, $"/api/announcements/{id}/publish", AnnouncementEndToEndTests.PublisherKey);
        return id;
    }

    private static Task SaveProfileAsync(BotHost host, string conversation, string language, string country) =>
        host.Services.GetRequiredService<ProfileStore>().SaveAsync(new MemberProfile(UserKey.For("msteams", "29:user-" + conversation),
            "youth-worker", null, country, null, [], language, DateTimeOffset.UtcNow, null), default);
}
