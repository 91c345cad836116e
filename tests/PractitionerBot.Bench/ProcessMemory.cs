using System.Globalization;

namespace PractitionerBot.Bench;

/// <summary>Peak resident memory and CPU time of a child process, from /proc (Linux).</summary>
internal sealed class ProcessMemory(int pid)
{
    private long _cpuTicksAtReset;

    /// <summary>VmHWM: the most resident memory the process has had since start or since <see cref="ResetPeak"/>.</summary>
    public long PeakKiB() =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).Single();

    /// <summary>Sets VmHWM back to the current resident size (writing 5 to clear_refs), so start-up is left out; and starts the CPU count.</summary>
    public void ResetPeak()
    {
        File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        _cpuTicksAtReset = CpuTicks();
    }

    /// <summary>User and system CPU time since <see cref="ResetPeak"/>.</summary>
    public double CpuMilliseconds() => (CpuTicks() - _cpuTicksAtReset) * 10.0; // USER_HZ is 100 on Linux

    private long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may contain spaces: utime and stime are the 12th and 13th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
