using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Security;

public sealed class TenantFixture : IAsyncLifetime
{
    public const string Allowed = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    public const string Other = "9a8b7c6d-0000-4000-8000-00000000beef";

    public MockBotConnector Connector { get; private set; } = null!;
    public BotHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await MockBotConnector.StartAsync();
        Host = await BotHost.StartAsync(new Dictionary<string, string> { ["Security:AllowedTenants:0"] = Allowed });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

/// <summary>Security:AllowedTenants: only the listed organisations reach a turn; the check runs after the token is verified.</summary>
public sealed class TenantAllowListTests(TenantFixture f) : IClassFixture<TenantFixture>
{
    [Fact]
    public async Task ActivityFromAnAllowedTenant_IsAnswered()
    {
        var conversation = BotFixture.NewConversation();
        var response = await f.Host.PostActivityAsync(InTenant(conversation, TenantFixture.Allowed, TenantFixture.Allowed));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("groups", (await f.Connector.MessageAsync(conversation)).Text);
        // What the refusal test relies on: an admitted conversation is visible in the store.
        Assert.Contains(conversation, StoredText());
    }

    [Theory]
    [InlineData(TenantFixture.Other, TenantFixture.Other)]
    [InlineData(null, TenantFixture.Other)]
    [InlineData(TenantFixture.Other, null)]
    [InlineData(null, null)]
    [InlineData(TenantFixture.Allowed, TenantFixture.Other)]
    [InlineData("not-a-guid", "not-a-guid")]
    public async Task ActivityFromAnotherOrNoTenant_Is403_NoTurnRuns_NothingStored_AndTheLogNamesNoTenant(string? conversationTenant, string? channelDataTenant)
    {
        var conversation = BotFixture.NewConversation();
        var response = await f.Host.PostActivityAsync(InTenant(conversation, conversationTenant, channelDataTenant));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(403, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<int>());
        // An allowed activity afterwards is answered; nothing was sent or stored for the refused one.
        var probe = BotFixture.NewConversation();
        await f.Host.PostActivityAsync(InTenant(probe, TenantFixture.Allowed, TenantFixture.Allowed));
        await f.Connector.MessageAsync(probe);
        Assert.DoesNotContain(f.Connector.All, a => a.ConversationId == conversation);
        Assert.DoesNotContain(conversation, StoredText());
        var warnings = f.Host.Logs.AtOrAbove(LogLevel.Warning).Where(l => l.Contains("Security:AllowedTenants")).ToList();
        Assert.NotEmpty(warnings);
        Assert.DoesNotContain(warnings, l => l.Contains(TenantFixture.Other) || l.Contains(conversation));
    }

    private JsonObject InTenant(string conversation, string? conversationTenant, string? channelDataTenant)
    {
        var activity = Activities.TeamsMessage(f.Connector.ServiceUrl, conversation, "help");
        activity["conversation"]!["tenantId"] = conversationTenant;
        activity["channelData"] = channelDataTenant is null ? new JsonObject() : new JsonObject { ["tenant"] = new JsonObject { ["id"] = channelDataTenant } };
        return activity;
    }

    private string StoredText()
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(f.Host.DataDir, "bot.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            text.Append(reader.ReadToEnd());
        }
        return text.ToString();
    }
}

public sealed class TenantWithoutAllowListTests
{
    [Fact]
    public async Task WithoutAnAllowList_ActivitiesWithAnyOrNoTenant_AreAnswered()
    {
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync();
        var conversation = BotFixture.NewConversation();
        var activity = Activities.TeamsMessage(connector.ServiceUrl, conversation, "help", channelId: "webchat");
        activity["conversation"]!.AsObject().Remove("tenantId");
        activity.Remove("channelData");
        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(activity)).StatusCode);
        Assert.Contains("groups", (await connector.MessageAsync(conversation)).Text);
    }
}
