using System.Data.Common;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;
using PractitionerBot.Storage;

namespace PractitionerBot.Bot;

/// <summary>
/// Bot Framework state in the state database (SQLite or PostgreSQL). Honours the storage contract's ETags: a write
/// whose ETag is set (and not "*") fails when the stored item has changed since it was read. The check is the
/// write itself (an update conditional on the ETag), so it holds between instances without locks.
/// </summary>
internal sealed class SqlStorage(Database database, TimeProvider time) : IStorage
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.All,
        SerializationBinder = new StateTypesBinder(),
        NullValueHandling = NullValueHandling.Include,
    });

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(StringComparer.Ordinal);
        if (keys.Length == 0) return items;
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            await using var command = connection.Command("SELECT json, etag FROM bot_state WHERE key = $key;", ("$key", key));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) continue;
            var json = JObject.Parse(reader.GetString(0));
            var value = json.ToObject<object>(Serializer);
            if (value is IStoreItem item) item.ETag = reader.GetString(1);
            if (value is not null) items[key] = value;
        }
        return items;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        foreach (var (key, value) in changes)
        {
            var expected = (value as IStoreItem)?.ETag;
            var json = JObject.FromObject(value, Serializer);
            json.Remove("ETag");
            json.Remove("eTag");
            (string, object?)[] row = [("$key", key), ("$etag", Guid.NewGuid().ToString("N")), ("$json", json.ToString(Formatting.None)),
                ("$now", time.GetUtcNow().ToString("O")), ("$expected", expected)];
            if (string.IsNullOrEmpty(expected) || expected == "*")
            {
                await ExecuteAsync(connection, transaction, """
                    INSERT INTO bot_state (key, etag, json, updated_utc) VALUES ($key, $etag, $json, $now)
                    ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, json = excluded.json, updated_utc = excluded.updated_utc;
                    """, row, cancellationToken);
                continue;
            }
            // Replace the version that was read; else create it if it is gone; else someone else wrote it first.
            if (await ExecuteAsync(connection, transaction,
                    "UPDATE bot_state SET etag = $etag, json = $json, updated_utc = $now WHERE key = $key AND etag = $expected;", row, cancellationToken) == 0
                && await ExecuteAsync(connection, transaction,
                    "INSERT INTO bot_state (key, etag, json, updated_utc) VALUES ($key, $etag, $json, $now) ON CONFLICT DO NOTHING;", row, cancellationToken) == 0)
                throw new InvalidOperationException($"Etag conflict for a state item: expected {expected}, the stored item has changed.");
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var key in keys)
        {
            await using var command = connection.Command("DELETE FROM bot_state WHERE key = $key;", ("$key", key));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, (string, object?)[] parameters,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>State is written with type names; only our own, the SDK's and framework types are read back.</summary>
    private sealed class StateTypesBinder : DefaultSerializationBinder
    {
        private static readonly string[] Allowed = ["System.", "mscorlib", "Microsoft.Bot.", "PractitionerBot", "Newtonsoft.Json"];

        public override Type BindToType(string? assemblyName, string typeName)
        {
            if (assemblyName is not null && !Allowed.Any(a => assemblyName.StartsWith(a, StringComparison.Ordinal)))
                throw new JsonSerializationException($"State type from assembly '{assemblyName}' is not allowed.");
            return base.BindToType(assemblyName, typeName);
        }
    }
}
