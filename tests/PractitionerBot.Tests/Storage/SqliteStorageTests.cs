using Microsoft.Bot.Builder;
using PractitionerBot.Bot;
using PractitionerBot.Storage;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Storage;

public sealed class SqliteStorageTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly SqliteStorage _storage;

    public SqliteStorageTests() => _storage = new SqliteStorage(new SqliteDatabase(_dir.File("state.db")), TimeProvider.System);

    public sealed class Item : IStoreItem
    {
        public string? Name { get; set; }
        public int Count { get; set; }
        public string? ETag { get; set; }
    }

    [Fact]
    public async Task WriteThenRead_RoundTripsTypedItemsWithAnETag()
    {
        await _storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Item { Name = "x", Count = 2 } });
        var read = await _storage.ReadAsync(["a", "missing"]);
        var item = Assert.IsType<Item>(Assert.Single(read).Value);
        Assert.Equal(2, item.Count);
        Assert.False(string.IsNullOrEmpty(item.ETag));
    }

    [Fact]
    public async Task Write_WithAStaleETag_FailsAndKeepsTheNewerValue()
    {
        await _storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Item { Count = 1 } });
        var first = (Item)(await _storage.ReadAsync(["k"]))["k"];
        var second = (Item)(await _storage.ReadAsync(["k"]))["k"];
        first.Count = 10;
        await _storage.WriteAsync(new Dictionary<string, object> { ["k"] = first });
        second.Count = 20;
        await Assert.ThrowsAnyAsync<Exception>(() => _storage.WriteAsync(new Dictionary<string, object> { ["k"] = second }));
        Assert.Equal(10, ((Item)(await _storage.ReadAsync(["k"]))["k"]).Count);
    }

    [Fact]
    public async Task Write_WithWildcardOrNoETag_Overwrites()
    {
        await _storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Item { Count = 1 } });
        await _storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Item { Count = 2, ETag = "*" } });
        await _storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Item { Count = 3 } });
        Assert.Equal(3, ((Item)(await _storage.ReadAsync(["k"]))["k"]).Count);
    }

    [Fact]
    public async Task Delete_RemovesTheItem()
    {
        await _storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Item() });
        await _storage.DeleteAsync(["k"]);
        Assert.Empty(await _storage.ReadAsync(["k"]));
    }

    [Fact]
    public async Task ConcurrentWriters_OnlyOneWinsPerETag()
    {
        await _storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Item { Count = 0 } });
        var etag = ((Item)(await _storage.ReadAsync(["k"]))["k"]).ETag;
        var attempts = Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await _storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Item { Count = i, ETag = etag } });
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        });
        var results = await Task.WhenAll(attempts);
        Assert.Equal(1, results.Count(r => r));
    }

    public void Dispose() => _dir.Dispose();
}
