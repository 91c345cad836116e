using System.Diagnostics;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>
/// For state that has no signal to wait on (a row the bot updates right after the HTTP call the test
/// saw): checks again until it holds, bounded in time, yielding between checks instead of sleeping. A condition that
/// never holds fails the test there, with the last value read.
/// </summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> holds, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(15);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (holds(value)) return value;
            if (clock.Elapsed > limit)
                throw new TimeoutException($"the condition did not hold within {limit.TotalSeconds:0.#} s; the last value read was: {value}");
            await Task.Yield();
        }
    }
}
