using System.Diagnostics;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>
/// For state that has no signal to wait on (a row the bot updates right after the HTTP call the test
/// saw): checks again until it holds, bounded in time, yielding between checks instead of sleeping.
/// </summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> holds, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (holds(value) || clock.Elapsed > (within ?? TimeSpan.FromSeconds(15))) return value;
            await Task.Yield();
        }
    }
}
