using PractitionerBot.Knowledge.Semantic;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Knowledge.Semantic;

public sealed class EmbeddingStoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void Reopen_ReadsBackWhatWasAdded()
    {
        UInt128 key;
        using (var store = EmbeddingStore.Open(_dir.Path, "m1", 3))
        {
            key = store.Key("a passage");
            store.Add(key, [0.5f, -1f, 2f]);
            store.Flush();
        }
        using var reopened = EmbeddingStore.Open(_dir.Path, "m1", 3);
        Assert.True(reopened.TryGet(key, out var vector));
        Assert.Equal([0.5f, -1f, 2f], vector);
    }

    [Fact]
    public void Key_DependsOnTheModelAndTheText()
    {
        using var a = EmbeddingStore.Open(_dir.Path, "m1", 3);
        using var b = EmbeddingStore.Open(_dir.Path, "m2", 3);
        Assert.NotEqual(a.Key("text"), b.Key("text"));
        Assert.NotEqual(a.Key("text"), a.Key("text."));
        Assert.Equal(a.Key("text"), a.Key("text"));
    }

    [Fact]
    public void Open_AfterATornLastRecord_KeepsTheWholeRecordsOnly()
    {
        UInt128 first;
        using (var store = EmbeddingStore.Open(_dir.Path, "m1", 2))
        {
            first = store.Key("one");
            store.Add(first, [1f, 2f]);
            store.Add(store.Key("two"), [3f, 4f]);
            store.Flush();
        }
        var file = Directory.GetFiles(_dir.Path, "*.vec").Single();
        using (var stream = new FileStream(file, FileMode.Open)) stream.SetLength(stream.Length - 3);

        using var reopened = EmbeddingStore.Open(_dir.Path, "m1", 2);
        Assert.Equal(1, reopened.Count);
        Assert.True(reopened.TryGet(first, out _));
    }

    [Fact]
    public void Flush_WhenUnusedVectorsOutnumberTheUsedOnes_DropsThem()
    {
        using var store = EmbeddingStore.Open(_dir.Path, "m1", 1);
        var keys = Enumerable.Range(0, 10).Select(i => store.Key($"t{i}")).ToList();
        foreach (var key in keys) store.Add(key, [1f]);
        store.Flush(new HashSet<UInt128> { keys[0], keys[1] });
        Assert.Equal(2, store.Count);
        using var reopened = EmbeddingStore.Open(_dir.Path, "m1", 1);
        Assert.Equal(2, reopened.Count);
    }

    public void Dispose() => _dir.Dispose();
}
