using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Announcements;
using PractitionerBot.Cli;
using PractitionerBot.Cli.Announcements;
using PractitionerBot.Tests.Announcements;
using PractitionerBot.Tests.Infrastructure;
using static PractitionerBot.Tests.Announcements.AnnouncementEndToEndTests;

namespace PractitionerBot.Tests.Security;

/// <summary>The announcements API under bodies a careless or hostile client sends, and unpublished content kept from members.</summary>
public sealed class AnnouncementAbuseTests(AnnouncementApiFixture api) : IClassFixture<AnnouncementApiFixture>
{
    private async Task<(HttpStatusCode Status, string Body)> CreateAsync(JsonObject body)
    {
        var response = await Api(api.Host, HttpMethod.Post, "/api/announcements", PublisherKey, body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> CreatedIdAsync(JsonObject body)
    {
        var (status, text) = await CreateAsync(body);
        Assert.Equal(HttpStatusCode.Created, status);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task NullWorkingGroup_Is400NamingTheField()
    {
        var body = Event();
        body["workingGroups"] = new JsonArray("local", null);
        var (status, text) = await CreateAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("null or empty", JsonNode.Parse(text)!["errors"]!["workingGroups"]!.ToJsonString());
    }

    [Theory]
    [InlineData("startsAt", "0001-01-01T00:00", "Pacific/Kiritimati")]
    [InlineData("endsAt", "9999-12-31T23:59", "America/Los_Angeles")]
    [InlineData("deadline", "0001-01-01T00:00", "Pacific/Kiritimati")]
    public async Task DateWhoseInstantFallsOutsideYears1To9999_Is400NamingTheField(string field, string value, string zone)
    {
        var body = Event();
        body[field] = value;
        body["timeZone"] = zone;
        var (status, text) = await CreateAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("out of range", JsonNode.Parse(text)!["errors"]![field]!.ToJsonString());
    }

    [Fact]
    public async Task TwentyThousandUnknownGroups_GetACompact400_WithTheValidIdsOnce()
    {
        var body = Event();
        body["workingGroups"] = new JsonArray(Enumerable.Range(0, 20_000).Select(i => (JsonNode?)JsonValue.Create($"no-such-group-{i:D5}")).ToArray());
        var (status, text) = await CreateAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(text.Length < 2_000, $"the answer is {text.Length} characters");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "remembrance-victims"));
        Assert.Contains("19,995 more", text);
    }

    [Fact]
    public async Task ScheduledAnnouncement_HasNoCalendar_AndInterestedWithItsIdOrADraftsShowsAndRecordsNothing()
    {
        await using var connector = await MockBotConnector.StartAsync();
        var body = Event("A meeting not yet announced");
        body["publishAt"] = DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var scheduled = await CreatedIdAsync(body);
        Assert.Equal("scheduled", (await (await Api(api.Host, HttpMethod.Post, $"/api/announcements/{scheduled}/publish", PublisherKey))
            .Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        var draft = await CreatedIdAsync(Event("A draft nobody should see"));

        foreach (var id in new[] { scheduled, draft })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.Host.Http.GetAsync($"/api/announcements/{id}/event.ics")).StatusCode);
            var click = Activities.Execute(connector.ServiceUrl, BotFixture.NewConversation(), "interested", new JsonObject { ["announcementId"] = id }, "29:curious");
            click["conversation"]!["conversationType"] = "personal";
            var (status, reply) = await api.Host.InvokeAsync(click);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("application/vnd.microsoft.activity.message", reply!["type"]!.GetValue<string>());
            Assert.DoesNotContain("nobody should see", reply.ToJsonString());
            Assert.DoesNotContain("not yet announced", reply.ToJsonString());
            Assert.Equal(0, await api.Host.Services.GetRequiredService<AnnouncementStore>().InterestedAsync(id, default));
        }
    }

    public static TheoryData<string> Examples => new(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs", "examples"), "*.yaml").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task DocumentedExample_IsAcceptedThroughTheCliAndTheApi(string file)
    {
        var path = Path.Combine(RepoPaths.Root, "docs", "examples", file);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliProgram.RunAsync(["announce", "create", "--file", path, "--url", api.Host.Http.BaseAddress!.AbsoluteUri.TrimEnd('/'), "--key", PublisherKey],
            stdout, stderr);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.StartsWith("Created announcement", stdout.ToString());

        // The same file as JSON, as a script would send it once the relative dates are resolved.
        var body = YamlToJson.ReadObject(path);
        RelativeDates.Resolve(body, DateTimeOffset.UtcNow);
        await CreatedIdAsync(body);
    }
}
