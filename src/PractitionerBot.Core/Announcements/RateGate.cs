namespace PractitionerBot.Announcements;

/// <summary>
/// The global send rate and the pause after a 429, shared by everyone who sends: within one instance
/// (<see cref="LocalRateGate"/>) or across all instances on one PostgreSQL database (<see cref="PostgresRateGate"/>).
/// Times are durations from now, so each party measures them on its own clock.
/// </summary>
public interface IRateGate
{
    /// <summary>
    /// Reserves the next send slot: no sooner than <paramref name="notBefore"/> from now, <paramref name="interval"/> after
    /// the slot reserved before it, and after any pause. Returns how long to wait for it.
    /// </summary>
    Task<TimeSpan> ReserveAsync(TimeSpan notBefore, TimeSpan interval, CancellationToken cancellationToken);

    /// <summary>Pauses every sender for <paramref name="pause"/> from now (Retry-After of a 429).</summary>
    Task PauseAsync(TimeSpan pause, CancellationToken cancellationToken);

    /// <summary>What is left of the pause (zero when there is none).</summary>
    Task<TimeSpan> PausedForAsync(CancellationToken cancellationToken);
}

/// <summary>The rate of one instance, in memory (SQLite: there is only one instance).</summary>
public sealed class LocalRateGate(TimeProvider time) : IRateGate
{
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public Task<TimeSpan> ReserveAsync(TimeSpan notBefore, TimeSpan interval, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var slot = new[] { now + notBefore, _next, _pausedUntil }.Max();
            _next = slot + interval;
            return Task.FromResult(slot - now);
        }
    }

    public Task PauseAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var until = time.GetUtcNow() + pause;
            if (until > _pausedUntil) _pausedUntil = until;
        }
        return Task.CompletedTask;
    }

    public Task<TimeSpan> PausedForAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var left = _pausedUntil - time.GetUtcNow();
            return Task.FromResult(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }
}
