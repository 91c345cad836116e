using PractitionerBot.Storage;

namespace PractitionerBot.Hosting;

/// <summary>Opens the state database before the bot takes traffic: the schema is created or upgraded here, and a database that cannot be used stops start-up.</summary>
internal sealed partial class StorageStartup(Database database, ILogger<StorageStartup> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        database.Migrate();
        LogReady(log, database.Provider, database.SchemaVersion);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "State database ready: {Provider}, schema version {Version}")]
    private static partial void LogReady(ILogger logger, string provider, int version);
}
