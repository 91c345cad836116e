using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace PractitionerBot.Knowledge.Semantic;

/// <summary>
/// Passage vectors on disk beside the Lucene index, keyed by a hash of the model id and the text that
/// was embedded, so a restart or a rebuild embeds only new or changed passages. One append-only file
/// per model: a record is written as soon as it is computed, so an interrupted run keeps its work; a
/// torn last record is dropped on the next load.
/// </summary>
public sealed class EmbeddingStore : IDisposable
{
    private static readonly byte[] Magic = "PBVEC1\n"u8.ToArray();

    private readonly Dictionary<UInt128, float[]> _vectors = [];
    private readonly string _path;
    private readonly string _modelId;
    private readonly int _dimensions;
    private FileStream? _append;

    private EmbeddingStore(string path, string modelId, int dimensions)
    {
        _path = path;
        _modelId = modelId;
        _dimensions = dimensions;
    }

    public int Count => _vectors.Count;

    /// <summary>The store of <paramref name="modelId"/> in <paramref name="folder"/>; an unreadable file is started afresh.</summary>
    public static EmbeddingStore Open(string folder, string modelId, int dimensions)
    {
        Directory.CreateDirectory(folder);
        var store = new EmbeddingStore(Path.Combine(folder, Sanitize(modelId) + ".vec"), modelId, dimensions);
        store.Load();
        return store;
    }

    /// <summary>The folder beside an index folder: <c>index/lucene</c> keeps its vectors in <c>index/lucene-vectors</c>.</summary>
    public static string FolderBeside(string indexPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(indexPath).TrimEnd(Path.DirectorySeparatorChar)) ?? ".",
            Path.GetFileName(Path.GetFullPath(indexPath).TrimEnd(Path.DirectorySeparatorChar)) + "-vectors");

    public UInt128 Key(string text) => XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(_modelId + "\n" + text));

    public bool TryGet(UInt128 key, out float[] vector) => _vectors.TryGetValue(key, out vector!);

    public void Add(UInt128 key, float[] vector)
    {
        if (vector.Length != _dimensions) throw new ArgumentException($"expected {_dimensions} dimensions, got {vector.Length}", nameof(vector));
        if (!_vectors.TryAdd(key, vector)) return;
        _append ??= OpenForAppend();
        Span<byte> keyBytes = stackalloc byte[16];
        MemoryMarshal.Write(keyBytes, in key);
        _append.Write(keyBytes);
        _append.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
    }

    /// <summary>Makes what was added durable, and drops vectors no longer used once they outnumber the used ones.</summary>
    public void Flush(IReadOnlySet<UInt128>? used = null)
    {
        _append?.Flush(flushToDisk: true);
        if (used is null || _vectors.Count <= 2 * Math.Max(used.Count, 1)) return;
        foreach (var stale in _vectors.Keys.Where(k => !used.Contains(k)).ToList()) _vectors.Remove(stale);
        Rewrite();
    }

    public void Dispose()
    {
        _append?.Dispose();
        _append = null;
    }

    private void Load()
    {
        if (!File.Exists(_path)) return;
        using var file = File.OpenRead(_path);
        var header = Header();
        var read = new byte[header.Length];
        if (file.ReadAtLeast(read, read.Length, throwOnEndOfStream: false) != read.Length || !read.SequenceEqual(header))
        {
            Rewrite();
            return;
        }
        var record = new byte[16 + _dimensions * sizeof(float)];
        var torn = false;
        while (true)
        {
            var n = file.ReadAtLeast(record, record.Length, throwOnEndOfStream: false);
            if (n == 0) break;
            if (n < record.Length)
            {
                torn = true;
                break;
            }
            var key = MemoryMarshal.Read<UInt128>(record);
            _vectors[key] = MemoryMarshal.Cast<byte, float>(record.AsSpan(16)).ToArray();
        }
        file.Dispose();
        if (torn) Rewrite();
    }

    private void Rewrite()
    {
        _append?.Dispose();
        var temp = _path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            file.Write(Header());
            Span<byte> keyBytes = stackalloc byte[16];
            foreach (var (key, vector) in _vectors)
            {
                MemoryMarshal.Write(keyBytes, in key);
                file.Write(keyBytes);
                file.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
            }
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, _path, overwrite: true);
        _append = null;
    }

    private FileStream OpenForAppend()
    {
        if (!File.Exists(_path)) Rewrite();
        return new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
    }

    private byte[] Header() => [.. Magic, .. Encoding.UTF8.GetBytes($"{_modelId}\n{_dimensions}\n")];

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}
