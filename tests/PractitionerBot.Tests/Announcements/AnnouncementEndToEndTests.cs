using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Announcements;

/// <summary>Announcements over HTTP: the REST API, delivery to a linked channel and to followers, interest, cancellation.</summary>
public sealed class AnnouncementEndToEndTests
{
    public const string PublisherKey = "publisher-key-0123456789";
    public const string ReaderKey = "reader-key-0123456789ab";

    public static readonly Dictionary<string, string> Keys = new()
    {
        ["Admin:ApiKeys:0:Key"] = PublisherKey, ["Admin:ApiKeys:0:Role"] = "publisher",
        ["Admin:ApiKeys:1:Key"] = ReaderKey, ["Admin:ApiKeys:1:Role"] = "reader",
    };

    public static JsonObject Event(string title = "Local P/CVE strategies and multi-agency case work") => new()
    {
        ["kind"] = "event", ["title"] = title, ["workingGroups"] = new JsonArray("local"),
        ["audience"] = new JsonObject { ["channels"] = true, ["followers"] = true },
        ["eventType"] = "meeting", ["startsAt"] = "2031-03-10T09:30", ["endsAt"] = "2031-03-11T16:00", ["timeZone"] = "Europe/Brussels",
        ["location"] = "Brussels", ["url"] = "https://home-affairs.ec.europa.eu/networks/radicalisation-awareness-network-ran_en",
        ["deadline"] = "2031-02-20T17:00", ["places"] = 30, ["description"] = "Two days for local coordinators to compare case tables.",
    };

    public static async Task<HttpResponseMessage> Api(BotHost host, HttpMethod method, string path, string? key, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await host.Http.SendAsync(request);
    }

    public static async Task<JsonObject> Status(BotHost host, string id) =>
        (await (await Api(host, HttpMethod.Get, $"/api/announcements/{id}", ReaderKey)).Content.ReadFromJsonAsync<JsonObject>())!;

    /// <summary>A linked Local channel and one member who follows Local in their personal chat.</summary>
    public static async Task<(string Channel, string Follower)> AudienceAsync(BotHost host, MockBotConnector connector)
    {
        var channel = $"19:channel-{Guid.NewGuid():N}@thread.tacv2";
        await host.PostActivityAsync(Activities.ChannelMessage(connector.ServiceUrl, channel, "link local"));
        await connector.MessageAsync($"{channel};messageid=1700000000000");
        var follower = BotFixture.NewConversation();
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, follower, "follow local"));
        await connector.MessageAsync(follower);
        return (channel, follower);
    }

    [Fact]
    public async Task PublishedEvent_ReachesChannelAndFollower_InterestCounts_CancelUpdatesBothCards()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(Keys);
        var (channel, follower) = await AudienceAsync(host, connector);

        var created = await Api(host, HttpMethod.Post, "/api/announcements", PublisherKey, Event());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var published = await Api(host, HttpMethod.Post, $"/api/announcements/{id}/publish", PublisherKey);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        var inChannel = await connector.MessageAsync(channel);
        var inChat = await connector.MessageAsync(follower, 2);
        foreach (var card in new[] { inChannel.Card!, inChat.Card! })
        {
            Assert.Empty(await CardValidator.ErrorsAsync(card));
            var json = card.ToJsonString();
            Assert.Contains("Local P/CVE strategies", json);
            Assert.Contains("Register", json);
            Assert.Contains($"/api/announcements/{id}/event.ics", json);
            Assert.Contains("Monday 10 March 2031, 09:30", json);
        }
        Assert.Equal("Europe/Brussels", inChannel.Card!.ToJsonString().Contains("Europe/Brussels") ? "Europe/Brussels" : "");

        var status = await Eventually.Until(() => Status(host, id), s => s["delivery"]!["delivered"]!.GetValue<int>() == 2);
        Assert.Equal(2, status["delivery"]!["delivered"]!.GetValue<int>());

        var (code, body) = await host.InvokeAsync(Activities.Execute(connector.ServiceUrl, channel, "interested", new JsonObject { ["announcementId"] = id }));
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Contains("Interested (1)", body!["value"]!.ToJsonString());

        var ics = await host.Http.GetStringAsync($"/api/announcements/{id}/event.ics");
        Assert.Contains("BEGIN:VCALENDAR", ics);
        Assert.Contains("SUMMARY:Local P/CVE strategies and multi-agency case work", ics);
        Assert.Contains("TZID=Europe/Brussels", ics);

        Assert.Equal(HttpStatusCode.OK, (await Api(host, HttpMethod.Post, $"/api/announcements/{id}/cancel", PublisherKey)).StatusCode);
        var channelUpdate = await connector.WaitForAsync(a => a.ConversationId == channel && a.Method == "PUT");
        var chatUpdate = await connector.WaitForAsync(a => a.ConversationId == follower && a.Method == "PUT");
        Assert.Equal(inChannel.ResponseId, channelUpdate.ReplyToId);
        Assert.Equal(inChat.ResponseId, chatUpdate.ReplyToId);
        foreach (var update in new[] { channelUpdate, chatUpdate })
        {
            Assert.Empty(await CardValidator.ErrorsAsync(update.Card!));
            Assert.Contains("Cancelled", update.Card!.ToJsonString());
        }
    }

    [Fact]
    public async Task Faults_429IsRetriedAfterRetryAfter_500IsRetried_403IsGoneAndNeverRetried()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(Keys);
        var (channel, follower) = await AudienceAsync(host, connector);
        var blocked = BotFixture.NewConversation();
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, blocked, "follow local"));
        await connector.MessageAsync(blocked);

        var refused = new HashSet<string>();
        connector.FailWith(a =>
        {
            if (a.Card is null) return null;
            if (a.ConversationId == blocked) return 403;
            lock (refused) return refused.Add(a.ConversationId) ? (a.ConversationId == channel ? 429 : 500) : null;
        });
        var id = (await (await Api(host, HttpMethod.Post, "/api/announcements", PublisherKey, Event())).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await Api(host, HttpMethod.Post, $"/api/announcements/{id}/publish", PublisherKey);

        await connector.MessageAsync(channel);
        await connector.MessageAsync(follower, 2);
        var status = await Eventually.Until(() => Status(host, id),
            s => s["delivery"]!["delivered"]!.GetValue<int>() == 2 && s["delivery"]!["gone"]!.GetValue<int>() == 1);
        Assert.Equal(2, status["delivery"]!["delivered"]!.GetValue<int>());
        Assert.Equal(1, status["delivery"]!["gone"]!.GetValue<int>());
        Assert.Single(connector.All, a => a.ConversationId == blocked && a.Card is not null);
        Assert.Equal(1, connector.All.Count(a => a.ConversationId == channel && a.Card is not null && a.RefusedWith is null));
    }

    [Fact]
    public async Task ScheduledAnnouncement_GoesOutWhenItsTimeComes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 7, 8, 58, 0, TimeSpan.Zero));
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(Keys, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var (channel, _) = await AudienceAsync(host, connector);
        var body = Event();
        body["publishAt"] = "2030-01-07T10:00:00+01:00";
        var id = (await (await Api(host, HttpMethod.Post, "/api/announcements", PublisherKey, body)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var published = await (await Api(host, HttpMethod.Post, $"/api/announcements/{id}/publish", PublisherKey)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("scheduled", published!["status"]!.GetValue<string>());

        // Move the bot's clock in 5-second steps (its idle wait) until the card arrives; each step waits on the connector's signal.
        ReceivedActivity? card = null;
        for (var step = 0; step < 100 && card is null; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            try { card = await connector.MessageAsync(channel).WaitAsync(TimeSpan.FromMilliseconds(300)); }
            catch (TimeoutException) { }
        }
        Assert.NotNull(card);
        Assert.Contains("Local P/CVE strategies", card.Card!.ToJsonString());
        var due = new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);
        Assert.InRange(clock.GetUtcNow(), due, due.AddMinutes(1));
    }
}

public sealed class DeadlineReminderTests
{
    [Fact]
    public async Task Followers_GetRemindersSevenDaysAndOneDayBeforeTheDeadline_ChannelsDoNot()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(AnnouncementEndToEndTests.Keys, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var (channel, follower) = await AnnouncementEndToEndTests.AudienceAsync(host, connector);
        var call = new JsonObject
        {
            ["kind"] = "call", ["title"] = "ISF-Police call for proposals on radicalisation", ["workingGroups"] = new JsonArray("local"),
            ["programme"] = "Internal Security Fund - Police", ["budget"] = "EUR 5 million", ["deadline"] = "2030-03-19T17:00", ["timeZone"] = "Europe/Brussels",
            ["url"] = "https://home-affairs.ec.europa.eu/networks/radicalisation-awareness-network-ran_en",
        };
        var id = (await (await AnnouncementEndToEndTests.Api(host, HttpMethod.Post, "/api/announcements", AnnouncementEndToEndTests.PublisherKey, call))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await AnnouncementEndToEndTests.Api(host, HttpMethod.Post, $"/api/announcements/{id}/publish", AnnouncementEndToEndTests.PublisherKey);
        var card = await AdvanceUntilMessage(2); // the bot's clock is fake: time moves only when the test moves it
        Assert.Contains("closes in 19 days: 19 March 2030, 17:00 (Europe/Brussels)", card.Card!.ToJsonString());

        async Task<ReceivedActivity> AdvanceUntilMessage(int count)
        {
            for (var step = 0; step < 100; step++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                try { return await connector.MessageAsync(follower, count).WaitAsync(TimeSpan.FromMilliseconds(300)); }
                catch (TimeoutException) { }
            }
            throw new TimeoutException("no reminder");
        }

        // Jump days ahead only once both deliveries are recorded: a jump also expires the outbox leases of sends in flight.
        await Eventually.Until(() => AnnouncementEndToEndTests.Status(host, id), s => s["delivery"]!["delivered"]!.GetValue<int>() == 2);
        clock.SetUtcNow(new DateTimeOffset(2030, 3, 12, 16, 1, 0, TimeSpan.Zero)); // 7 days before 17:00 Brussels (16:00 UTC)
        Assert.Contains("Reminder: the call closes in 7 day(s).", (await AdvanceUntilMessage(3)).Card!.ToJsonString());
        await Eventually.Until(() => AnnouncementEndToEndTests.Status(host, id), s => s["reminders"]!["delivered"]!.GetValue<int>() == 1);
        clock.SetUtcNow(new DateTimeOffset(2030, 3, 18, 16, 1, 0, TimeSpan.Zero));
        Assert.Contains("Reminder: the call closes in 1 day(s).", (await AdvanceUntilMessage(4)).Card!.ToJsonString());
        Assert.Equal(1, connector.All.Count(a => a.ConversationId == channel && a.Card is not null));
    }
}
