using PractitionerBot.Announcements;
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
        database.Migrate();
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
        var instances = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var database = new PostgresDatabase(empty.ConnectionString);
            database.Migrate();
            return database;
        })));
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

    [PostgresFact]
    public async Task RateGate_ReservedFromTwoInstancesAtOnce_GivesEverySendItsOwnSlot()
    {
        var gates = new[] { new PostgresRateGate((PostgresDatabase)Db), new PostgresRateGate((PostgresDatabase)await OpenAsync()) };
        var interval = TimeSpan.FromSeconds(1); // long, so the next slot stays ahead of the clock however slow the machine
        await gates[0].ReserveAsync(TimeSpan.Zero, interval, default);
        var before = await NextSlotAsync();

        var waits = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => gates[i % 2].ReserveAsync(TimeSpan.Zero, interval, default))));

        Assert.Equal(100 * 1_000_000L, await NextSlotAsync() - before); // one slot each, none shared, none skipped
        Assert.InRange(waits.Max(), TimeSpan.FromSeconds(95), TimeSpan.FromSeconds(101));
    }

    [PostgresFact]
    public async Task RateGate_PauseByOneInstance_HoldsTheOther()
    {
        var one = new PostgresRateGate((PostgresDatabase)Db);
        var other = new PostgresRateGate((PostgresDatabase)await OpenAsync());
        await one.PauseAsync(TimeSpan.FromSeconds(30), default);
        Assert.InRange(await other.PausedForAsync(default), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
        Assert.InRange(await other.ReserveAsync(TimeSpan.Zero, TimeSpan.FromMilliseconds(25), default), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
    }

    private async Task<long> NextSlotAsync() =>
        (await Db.QueryAsync("SELECT next_slot_us FROM rate_gate WHERE name = 'global';", r => r.GetInt64(0), default))[0];

    public override async Task DisposeAsync()
    {
        foreach (var d in _opened) await d.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
