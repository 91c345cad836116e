using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PractitionerBot.Tests.Infrastructure;
using static PractitionerBot.Tests.Announcements.AnnouncementEndToEndTests;

namespace PractitionerBot.Tests.Announcements;

public sealed class AnnouncementApiFixture : IAsyncLifetime
{
    public BotHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await BotHost.StartAsync(Keys);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>Every endpoint's 401 and 403, and 400s that list every problem.</summary>
public sealed class AnnouncementApiTests(AnnouncementApiFixture api) : IClassFixture<AnnouncementApiFixture>
{
    public static TheoryData<string, string> Writes => new()
    {
        { "POST", "/api/announcements" }, { "PUT", "/api/announcements/x" },
        { "POST", "/api/announcements/x/publish" }, { "POST", "/api/announcements/x/cancel" },
    };

    public static TheoryData<string, string> All => new()
    {
        { "GET", "/api/announcements" }, { "GET", "/api/announcements/x" }, { "POST", "/api/announcements" },
        { "PUT", "/api/announcements/x" }, { "POST", "/api/announcements/x/publish" }, { "POST", "/api/announcements/x/cancel" },
    };

    [Theory]
    [MemberData(nameof(All))]
    public async Task EveryEndpoint_WithoutAValidKey_Is401(string method, string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api(api.Host, new HttpMethod(method), path, null, Event())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api(api.Host, new HttpMethod(method), path, "not-a-key-at-all-000", Event())).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task WriteEndpoints_WithAReaderKey_Are403(string method, string path) =>
        Assert.Equal(HttpStatusCode.Forbidden, (await Api(api.Host, new HttpMethod(method), path, ReaderKey, Event())).StatusCode);

    [Fact]
    public async Task ReaderKey_CanRead() =>
        Assert.Equal(HttpStatusCode.OK, (await Api(api.Host, HttpMethod.Get, "/api/announcements", ReaderKey)).StatusCode);

    [Fact]
    public async Task InvalidBody_Gets400ListingEveryProblem()
    {
        var body = Event();
        body["title"] = "";
        body["startsAt"] = "next tuesday";
        body["workingGroups"] = new JsonArray("local", "astronauts");
        body["url"] = "http://insecure.example";
        body["deadline"] = "2019-03-19T17:00";
        body["eventType"] = "party";
        var response = await Api(api.Host, HttpMethod.Post, "/api/announcements", PublisherKey, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["deadline", "eventType", "startsAt", "title", "url", "workingGroups"], errors.Select(e => e.Key).Order());
        Assert.Contains("is in the past", errors["deadline"]!.ToJsonString());
        Assert.Contains("astronauts", errors["workingGroups"]!.ToJsonString());
    }

    [Fact]
    public async Task EndBeforeStart_AndACardOver28KB_Get400()
    {
        var body = Event();
        body["endsAt"] = "2031-03-09T09:00";
        var errors = (await (await Api(api.Host, HttpMethod.Post, "/api/announcements", PublisherKey, body)).Content.ReadFromJsonAsync<JsonObject>())!["errors"]!;
        Assert.Contains("before startsAt", errors["endsAt"]!.ToJsonString());

        var call = new JsonObject
        {
            ["kind"] = "call", ["title"] = "ISF-Police call", ["workingGroups"] = new JsonArray("local"), ["programme"] = "Internal Security Fund - Police",
            ["deadline"] = "2031-03-19T17:00", ["eligibility"] = new string('e', 30_000),
        };
        var large = await Api(api.Host, HttpMethod.Post, "/api/announcements", PublisherKey, call);
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.Contains("at most 28 KB", await large.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{\"kind\": ")]
    [InlineData("{\"places\": \"thirty\"}")]
    [InlineData("[]")]
    public async Task MalformedJson_Gets400(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/announcements") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", PublisherKey);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Host.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task UnknownAnnouncement_Is404_AndDraftHasNoCalendar()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Api(api.Host, HttpMethod.Post, "/api/announcements/nope/publish", PublisherKey)).StatusCode);
        var id = (await (await Api(api.Host, HttpMethod.Post, "/api/announcements", PublisherKey, Event())).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await api.Host.Http.GetAsync($"/api/announcements/{id}/event.ics")).StatusCode);
    }
}
