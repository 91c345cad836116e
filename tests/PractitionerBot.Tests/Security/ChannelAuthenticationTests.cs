using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Security;

/// <summary>A bot with MicrosoftAppId set, a local channel authority that signs its tokens, and a mock connector.</summary>
public sealed class ChannelAuthFixture : IAsyncLifetime
{
    public ChannelAuthority Authority { get; private set; } = null!;
    public MockBotConnector Connector { get; private set; } = null!;
    public BotHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Authority = await ChannelAuthority.StartAsync();
        Connector = await MockBotConnector.StartAsync();
        Host = await BotHost.StartAsync(Authority.BotSettings());
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
        await Authority.DisposeAsync();
    }
}

/// <summary>With MicrosoftAppId set, /api/messages takes only tokens the Bot Connector signed for this bot.</summary>
public sealed class ChannelAuthenticationTests(ChannelAuthFixture f) : IClassFixture<ChannelAuthFixture>
{
    [Fact]
    public async Task ValidChannelToken_IsAccepted_AndTheReplyCarriesTheBotsOwnToken()
    {
        var conversation = BotFixture.NewConversation();
        var token = f.Authority.Token(f.Connector.ServiceUrl);
        var response = await f.Host.PostActivityAsync(Activities.TeamsMessage(f.Connector.ServiceUrl, conversation, "help"), "Bearer " + token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await f.Connector.MessageAsync(conversation);
        Assert.Contains("groups", reply.Text);
        Assert.Equal("Bearer " + ChannelAuthority.OutgoingToken, reply.Authorization);
        var logged = string.Join("\n", f.Host.Logs.AtOrAbove(LogLevel.Trace));
        Assert.DoesNotContain(token, logged);
        Assert.DoesNotContain(ChannelAuthority.AppPassword, logged);
        Assert.DoesNotContain(ChannelAuthority.OutgoingToken, logged);
    }

    [Fact]
    public async Task WithoutConfiguredCoordinators_AnAuthenticatedBotLetsNobodyLinkAChannel()
    {
        // Anonymous local mode treats everyone as a coordinator; a real deployment must name them (Roles:Coordinators).
        var channel = $"19:channel-{Guid.NewGuid():N}@thread.tacv2";
        var response = await f.Host.PostActivityAsync(Activities.ChannelMessage(f.Connector.ServiceUrl, channel, "link local"),
            "Bearer " + f.Authority.Token(f.Connector.ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Only coordinators can link", (await f.Connector.MessageAsync($"{channel};messageid=1700000000000")).Text);
        Assert.Contains(f.Host.Logs.AtOrAbove(LogLevel.Warning), l => l.Contains("Roles:Coordinators is empty"));
    }

    [Theory]
    [InlineData("slack", HttpStatusCode.Unauthorized)]
    [InlineData("webchat", HttpStatusCode.OK)]
    public async Task TokenSignedWithAKeyNotEndorsedForTheActivitysChannel_Is401(string channel, HttpStatusCode expected)
    {
        // The test key is endorsed for msteams, webchat and emulator only (as the Bot Framework's keys list their channels).
        var conversation = BotFixture.NewConversation();
        var activity = Activities.TeamsMessage(f.Connector.ServiceUrl, conversation, "help", channelId: channel);
        var response = await f.Host.PostActivityAsync(activity, "Bearer " + f.Authority.Token(f.Connector.ServiceUrl));
        Assert.Equal(expected, response.StatusCode);
    }

    public static TheoryData<string> SpoiledTokens => new() { "audience", "another app", "issuer", "expired", "signature", "serviceUrl" };

    [Theory]
    [MemberData(nameof(SpoiledTokens))]
    public async Task SpoiledToken_Is401WithAProblem_AndNoTurnRuns(string spoiled)
    {
        var serviceUrl = f.Connector.ServiceUrl;
        var token = spoiled switch
        {
            "audience" => f.Authority.Token(serviceUrl, audience: "https://api.botframework.com"),
            "another app" => f.Authority.Token(serviceUrl, audience: "99999999-8888-7777-6666-555555555555"),
            "issuer" => f.Authority.Token(serviceUrl, issuer: "https://sts.example.org/"),
            "expired" => f.Authority.Token(serviceUrl, expires: DateTime.UtcNow.AddMinutes(-30)),
            "signature" => f.Authority.Token(serviceUrl, otherKey: true),
            _ => f.Authority.Token("https://smba.example.org/emea/"),
        };
        await AssertRefusedAsync("Bearer " + token);
        Assert.DoesNotContain(token, string.Join("\n", f.Host.Logs.AtOrAbove(LogLevel.Trace)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer abc.def.ghi")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b")]
    [InlineData("Bearer two parts")]
    [InlineData("Basic eHl6Onh5eg==")]
    [InlineData("bearer")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.")]
    public async Task MissingOrMalformedAuthorization_Is401WithAProblem(string? header) => await AssertRefusedAsync(header);

    private async Task AssertRefusedAsync(string? authorization)
    {
        var conversation = BotFixture.NewConversation();
        var response = await f.Host.PostActivityAsync(Activities.TeamsMessage(f.Connector.ServiceUrl, conversation, "help"), authorization);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(401, problem["status"]!.GetValue<int>());
        // A valid activity in another conversation is answered, so a turn for the refused one would have been seen by now.
        var probe = BotFixture.NewConversation();
        await f.Host.PostActivityAsync(Activities.TeamsMessage(f.Connector.ServiceUrl, probe, "help"), "Bearer " + f.Authority.Token(f.Connector.ServiceUrl));
        await f.Connector.MessageAsync(probe);
        Assert.DoesNotContain(f.Connector.All, a => a.ConversationId == conversation);
    }
}

/// <summary>When the OpenID metadata cannot be fetched, tokens cannot be checked: a clean 503, never a 500 or a turn.</summary>
public sealed class UnreachableMetadataTests
{
    [Fact]
    public async Task MetadataServerFailing_Is503WithAProblem_AndRetryAfter()
    {
        await using var authority = await ChannelAuthority.StartAsync();
        authority.FailWith = 500;
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(authority.BotSettings());
        var conversation = BotFixture.NewConversation();

        var response = await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "help"), "Bearer " + authority.Token(connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(503, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<int>());
        Assert.Empty(connector.All);
    }

    [Fact]
    public async Task MetadataServerUnreachable_Is503()
    {
        var authority = await ChannelAuthority.StartAsync();
        var settings = authority.BotSettings();
        var token = authority.Token("http://127.0.0.1:9/");
        await authority.DisposeAsync();
        await using var host = await BotHost.StartAsync(settings);
        var activity = Activities.TeamsMessage("http://127.0.0.1:9/", BotFixture.NewConversation(), "help");

        var response = await host.PostActivityAsync(activity, "Bearer " + token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
