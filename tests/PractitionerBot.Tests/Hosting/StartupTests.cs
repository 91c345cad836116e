using PractitionerBot.Hosting;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Hosting;

public sealed class StartupTests
{
    [Theory]
    [InlineData("Knowledge:MinConfidence", "2", "Knowledge:MinConfidence")]
    [InlineData("Knowledge:CorpusPath", "/nonexistent/corpus", "Knowledge:CorpusPath")]
    [InlineData("Storage:Provider", "oracle", "Storage:Provider")]
    [InlineData("Storage:Provider", "postgres", "Storage:ConnectionString")]
    [InlineData("Storage:ConnectionString", "Host=127.0.0.1;Port=1;Timeout=2", "Storage:ConnectionString", "Storage:Provider=postgres")]
    [InlineData("MicrosoftAppId", "11111111-2222-3333-4444-555555555555", "MicrosoftAppPassword")]
    [InlineData("Chat:MaxMessageLength", "lots", "Chat:MaxMessageLength")]
    [InlineData("Security:AllowedTenants:0", "contoso.onmicrosoft.com", "Security:AllowedTenants:0")]
    [InlineData("ToBotFromChannelOpenIdMetadataUrl", "https://login.example.org/v1/.well-known/openidconfiguration", "ToBotFromChannelTokenIssuer")]
    [InlineData("ValidateAuthority", "perhaps", "ValidateAuthority")]
    [InlineData("Telemetry:Prometheus", "perhaps", "Telemetry:Prometheus")]
    [InlineData("Retention:InsightsDays", "0", "Retention:InsightsDays")]
    [InlineData("Insights:MinMembersPerTopic", "2", "Insights:MinMembersPerTopic")]
    public async Task BadSetting_StopsStartUpWithAMessageNamingTheKey(string key, string value, string named, string? with = null)
    {
        using var dir = new TempDir();
        string[] args = ["--urls=http://127.0.0.1:0", $"--Knowledge:IndexPath={dir.File("idx")}", $"--Storage:SqlitePath={dir.File("db")}", $"--{key}={value}", .. (with is null ? [] : new[] { $"--{with}" })];
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = BotApplication.Create(args, RepoPaths.Root);
            await app.StartAsync();
        });
        var message = ConfigurationError.Describe(error);
        Assert.NotNull(message);
        Assert.Contains(named, message);
    }
}
