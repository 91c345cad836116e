using PractitionerBot.Storage;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Storage;

/// <summary>The storage suite on SQLite, the zero-setup default.</summary>
public sealed class SqliteStorageTests : StorageSuite, IDisposable
{
    private readonly TempDir _dir = new();

    protected override Task<Database> OpenAsync()
    {
        var database = new SqliteDatabase(_dir.File("state.db"));
        database.Migrate();
        return Task.FromResult<Database>(database);
    }

    protected override async Task<List<(string Table, string Column)>> TextColumnsAsync() =>
        await Db.QueryAsync("""
            SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND c.type = 'TEXT';
            """, r => (r.GetString(0), r.GetString(1)), default);

    public void Dispose() => _dir.Dispose();
}
