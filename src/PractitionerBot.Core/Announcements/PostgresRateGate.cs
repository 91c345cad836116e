using PractitionerBot.Storage;

namespace PractitionerBot.Announcements;

/// <summary>
/// The rate shared by all instances: one row holds the next free send slot and the end of the pause after a 429.
/// Reserving a slot is one atomic UPDATE (the row lock orders instances), and slot times come from the database's
/// clock, so instances whose clocks differ still keep the combined rate. Each reservation is one round trip,
/// a few hundred microseconds against sends that are 1/40th of a second apart.
/// </summary>
public sealed class PostgresRateGate(PostgresDatabase database) : IRateGate
{
    private const string Now = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT";

    public async Task<TimeSpan> ReserveAsync(TimeSpan notBefore, TimeSpan interval, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync($"""
            WITH c AS (SELECT {Now} AS now_us)
            UPDATE rate_gate SET next_slot_us = GREATEST(next_slot_us, throttled_until_us, c.now_us + $not_before) + $interval
            FROM c WHERE name = 'global'
            RETURNING next_slot_us - $interval - c.now_us;
            """, r => r.GetInt64(0), cancellationToken, ("$not_before", Micros(notBefore)), ("$interval", Micros(interval)));
        return TimeSpan.FromMicroseconds(rows.Single());
    }

    public Task PauseAsync(TimeSpan pause, CancellationToken cancellationToken) =>
        database.ExecuteAsync($"UPDATE rate_gate SET throttled_until_us = GREATEST(throttled_until_us, {Now} + $pause) WHERE name = 'global';",
            cancellationToken, ("$pause", Micros(pause)));

    public async Task<TimeSpan> PausedForAsync(CancellationToken cancellationToken)
    {
        var left = (await database.QueryAsync($"SELECT throttled_until_us - {Now} FROM rate_gate WHERE name = 'global';", r => r.GetInt64(0),
            cancellationToken)).Single();
        return left > 0 ? TimeSpan.FromMicroseconds(left) : TimeSpan.Zero;
    }

    private static long Micros(TimeSpan span) => Math.Max(0, span.Ticks / 10);
}
