namespace PractitionerBot.Bench;

internal static class BenchProgram
{
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "fanout" => await FanoutBench.RunAsync(args),
        "turns" => await TurnsBench.RunAsync(args),
        "welcomes" => await WelcomesBench.RunAsync(args),
        "ingest" => await IngestBench.RunAsync(args),
        "host" => EchoHost.Run(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: fanout [--followers N] [--out docs/BENCHMARKS.md]");
        Console.Error.WriteLine("       welcomes [--members 1000] [--out docs/BENCHMARKS.md]");
        Console.Error.WriteLine("       turns [--users 32] [--seconds 60] [--warmup 5] [--rate 10,20,40] [--gc as-built,server,workstation,...] [--only 0|1] [--set Key=Value ...] [--out docs/BENCHMARKS.md]");
        Console.Error.WriteLine("       ingest [--repeat 3] [--out docs/BENCHMARKS.md]");
        return 2;
    }
}
