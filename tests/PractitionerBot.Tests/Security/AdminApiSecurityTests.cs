using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Hosting;
using PractitionerBot.Tests.Announcements;
using PractitionerBot.Tests.Infrastructure;
using static PractitionerBot.Tests.Announcements.AnnouncementEndToEndTests;

namespace PractitionerBot.Tests.Security;

/// <summary>
/// The admin API beyond AnnouncementApiTests (401 without a key, 403 for a reader writing): malformed
/// headers, a host without keys, key hygiene in logs. Reads have no 403: both roles may read, and no other role can be configured.
/// </summary>
public sealed class AdminApiSecurityTests(AnnouncementApiFixture api) : IClassFixture<AnnouncementApiFixture>
{
    public static TheoryData<string, string> All => AnnouncementApiTests.All;

    [Theory]
    [MemberData(nameof(All))]
    public async Task EveryEndpoint_WithAMalformedOrMisusedAuthorizationHeader_Is401WithAChallenge(string method, string path)
    {
        foreach (var header in new[] { "Basic " + PublisherKey, PublisherKey, "Bearer", "Bearer ", "Bearer " + PublisherKey + "x", "Bearer " + PublisherKey[..^1] })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent(Event()) };
            request.Headers.TryAddWithoutValidation("Authorization", header);
            var response = await api.Host.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{header[..Math.Min(8, header.Length)]}...: {response.StatusCode}");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal(401, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task BearerScheme_IsCaseInsensitive_TheKeyIsNot()
    {
        using var lower = new HttpRequestMessage(HttpMethod.Get, "/api/announcements");
        lower.Headers.TryAddWithoutValidation("Authorization", "bearer " + ReaderKey);
        Assert.Equal(HttpStatusCode.OK, (await api.Host.Http.SendAsync(lower)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api(api.Host, HttpMethod.Get, "/api/announcements", ReaderKey.ToUpperInvariant())).StatusCode);
    }

    [Fact]
    public async Task WithoutConfiguredKeys_EveryEndpointRefusesEveryKey()
    {
        await using var host = await BotHost.StartAsync();
        foreach (var (method, path) in new[] { ("GET", "/api/announcements"), ("POST", "/api/announcements"), ("POST", "/api/announcements/x/publish") })
            Assert.Equal(HttpStatusCode.Unauthorized, (await Api(host, new HttpMethod(method), path, PublisherKey, Event())).StatusCode);
    }

    [Fact]
    public async Task ApiKeys_NeverAppearInLogs_AtAnyLevel()
    {
        const string rejected = "rejected-key-0123456789";
        var created = await Api(api.Host, HttpMethod.Post, "/api/announcements", PublisherKey, Event());
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        foreach (var key in new[] { PublisherKey, ReaderKey, rejected })
        {
            await Api(api.Host, HttpMethod.Get, "/api/announcements", key);
            await Api(api.Host, HttpMethod.Get, $"/api/announcements/{id}", key);
            await Api(api.Host, HttpMethod.Put, $"/api/announcements/{id}", key, Event("Renamed"));
            await Api(api.Host, HttpMethod.Post, $"/api/announcements/{id}/cancel", key);
        }
        await Api(api.Host, HttpMethod.Post, "/api/announcements", PublisherKey, new JsonObject { ["kind"] = "nonsense" });

        var logged = string.Join("\n", api.Host.Logs.AtOrAbove(LogLevel.Trace));
        Assert.NotEmpty(logged);
        foreach (var key in new[] { PublisherKey, ReaderKey, rejected })
            Assert.DoesNotContain(key, logged);
    }

    [Fact]
    public async Task AKeyWithAnUnknownRole_StopsStartUpNamingTheKey()
    {
        using var dir = new TempDir();
        var args = new[]
        {
            "--urls=http://127.0.0.1:0", $"--Knowledge:IndexPath={dir.File("idx")}", $"--Storage:SqlitePath={dir.File("db")}",
            "--Admin:ApiKeys:0:Key=owner-key-0123456789ab", "--Admin:ApiKeys:0:Role=owner",
        };
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = BotApplication.Create(args, RepoPaths.Root);
            await app.StartAsync();
        });
        Assert.Contains("Admin:ApiKeys:0:Role", ConfigurationError.Describe(error));
    }

    private static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
