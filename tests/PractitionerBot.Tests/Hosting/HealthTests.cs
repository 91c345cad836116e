using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Storage;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_WhenTheDatabaseCannotBeOpened_Is503AndSaysWhy_AndReadyOnceItCanAgain()
    {
        await using var host = await BotHost.StartAsync();
        var path = Assert.IsType<SqliteDatabase>(host.Services.GetRequiredService<Database>()).Path;
        Assert.Equal("ready", (await HealthAsync(host, HttpStatusCode.OK))["status"]!.GetValue<string>());

        // The database file gives way to a folder of its name, which SQLite cannot open; pooled connections are let go.
        File.Move(path, path + ".away");
        Directory.CreateDirectory(path);
        SqliteConnection.ClearAllPools();
        var down = await HealthAsync(host, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unavailable", down["status"]!.GetValue<string>());
        Assert.StartsWith("the database cannot be reached", down["reason"]!.GetValue<string>());

        Directory.Delete(path);
        File.Move(path + ".away", path);
        var up = await HealthAsync(host, HttpStatusCode.OK);
        Assert.Equal("ready", up["status"]!.GetValue<string>());
        Assert.Equal("lexical", up["mode"]!.GetValue<string>());
    }

    private static async Task<JsonNode> HealthAsync(BotHost host, HttpStatusCode expected)
    {
        var response = await host.Http.GetAsync("/healthz");
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
