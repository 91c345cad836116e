using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;

namespace PractitionerBot.Storage;

/// <summary>Small helpers so stores read as SQL, not as ADO.NET ceremony.</summary>
internal static partial class Db
{
    /// <summary>
    /// A command with <c>$name</c> parameters. SQLite reads them as written; for PostgreSQL (whose <c>$1</c> is
    /// positional) they become <c>@name</c> here, so every store keeps one SQL text for both providers.
    /// </summary>
    public static DbCommand Command(this DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var postgres = connection is NpgsqlConnection;
        var command = connection.CreateCommand();
        command.CommandText = postgres ? DollarParameter().Replace(sql, "@$1") : sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = postgres && name.StartsWith('$') ? "@" + name[1..] : name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static DbCommand Command(this DbConnection connection, DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.Command(sql, parameters);
        command.Transaction = transaction;
        return command;
    }

    public static async Task<int> ExecuteAsync(this Database database, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<List<T>> QueryAsync<T>(this Database database, string sql, Func<DbDataReader, T> map,
        CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
        return rows;
    }

    public static string? NullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>An integer column or aggregate, whatever width the provider returns it in (PostgreSQL's SUM and COUNT are bigint).</summary>
    public static int Int(this DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public static string Utc(this TimeProvider time) => time.GetUtcNow().ToString("O");

    // $name outside quotes; the stores' SQL has no dollar-quoted strings.
    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex DollarParameter();
}
