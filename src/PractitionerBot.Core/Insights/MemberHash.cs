using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using PractitionerBot.Storage;

namespace PractitionerBot.Insights;

/// <summary>
/// Who asked, only as far as counting distinct members needs: an HMAC of the member's key with a salt that is replaced
/// every <see cref="InsightsOptions.SaltRotationDays"/>. The salts live in the database (so several instances agree and
/// "forget me" can find the member's rows) and are deleted with the last question of their period.
/// </summary>
public sealed class MemberHash(Database database, InsightsOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<long, string> _salts = new();

    public long CurrentPeriod => time.GetUtcNow().ToUnixTimeSeconds() / 86_400 / options.SaltRotationDays;

    public async Task<(long Period, string Hash)> OfAsync(string userKey, CancellationToken cancellationToken)
    {
        var period = CurrentPeriod;
        if (!_salts.TryGetValue(period, out var salt))
        {
            salt = await SaltAsync(period, cancellationToken);
            _salts[period] = salt;
        }
        return (period, Hash(salt, userKey));
    }

    public static string Hash(string salt, string userKey) =>
        Convert.ToHexString(HMACSHA256.HashData(Convert.FromHexString(salt), Encoding.UTF8.GetBytes(userKey)))[..32];

    /// <summary>The period's salt, made by whichever instance needs it first.</summary>
    private async Task<string> SaltAsync(long period, CancellationToken cancellationToken)
    {
        await database.ExecuteAsync("INSERT INTO insight_salts (period, salt) VALUES ($p, $s) ON CONFLICT DO NOTHING;", cancellationToken,
            ("$p", period), ("$s", Convert.ToHexString(RandomNumberGenerator.GetBytes(32))));
        return (await database.QueryAsync("SELECT salt FROM insight_salts WHERE period = $p;", r => r.GetString(0), cancellationToken, ("$p", period)))[0];
    }

    /// <summary>"Forget me": deletes the member's questions from every period whose salt is still kept.</summary>
    internal static async Task<int> EraseAsync(DbConnection connection, DbTransaction transaction, string userKey, CancellationToken cancellationToken)
    {
        var salts = new List<(long Period, string Salt)>();
        await using (var read = connection.Command(transaction, "SELECT period, salt FROM insight_salts;"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) salts.Add((Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1)));
        var rows = 0;
        foreach (var (period, salt) in salts)
        {
            await using var delete = connection.Command(transaction, "DELETE FROM insight_questions WHERE salt_period = $p AND member_hash = $h;",
                ("$p", period), ("$h", Hash(salt, userKey)));
            rows += await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        return rows;
    }
}
