namespace PractitionerBot.Cli.Commands;

internal static class BenchSearchCommand
{
    public static Task<int> RunAsync(CliArgs args, TextWriter stdout, TextWriter stderr) => Task.FromResult(0);
}
