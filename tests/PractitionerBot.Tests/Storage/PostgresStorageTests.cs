using PractitionerBot.Storage;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Storage;

/// <summary>The storage suite on PostgreSQL (a fresh database per test), plus what only several instances need.</summary>
public sealed class PostgresStorageTests : StorageSuite, INeedsPostgres
{
    private TestDatabase? _database;
    private readonly List<PostgresDatabase> _opened = [];

    protected override async Task<Database> OpenAsync()
    {
        _database ??= await PostgresServer.CreateDatabaseAsync();
        var database = new PostgresDatabase(_database.ConnectionString);
        _opened.Add(database);
        return database;
    }

    protected override async Task<List<(string Table, string Column)>> TextColumnsAsync() =>
        await Db.QueryAsync("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type = 'text';
            """, r => (r.GetString(0), r.GetString(1)), default);

    [PostgresFact]
    public async Task Open_ByInstancesStartingTogetherOnAnEmptyDatabase_MigratesOnce()
    {
        await using var empty = await PostgresServer.CreateDatabaseAsync();
        var instances = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new PostgresDatabase(empty.ConnectionString))));
        try
        {
            Assert.All(instances, d => Assert.Equal(instances[0].SchemaVersion, d.SchemaVersion));
            var versions = await instances[0].QueryAsync("SELECT version FROM schema_version;", r => r.Int(0), default);
            Assert.Equal([instances[0].SchemaVersion], versions);
        }
        finally
        {
            foreach (var d in instances) await d.DisposeAsync();
        }
    }

    public override async Task DisposeAsync()
    {
        foreach (var d in _opened) await d.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
