using Microsoft.Bot.Builder;
using PractitionerBot.Hosting;

namespace PractitionerBot.Bench;

/// <summary>
/// <c>host --echo [settings]</c> (not in the usage text; <c>bench turns</c> starts it): the bot's own
/// host, adapter, endpoint and storage, with <see cref="EchoBot"/> in place of the real handler.
/// </summary>
internal static class EchoHost
{
    public static int Run(string[] args)
    {
        if (args.FirstOrDefault() != "--echo")
        {
            Console.Error.WriteLine("usage: host --echo [--key=value ...]");
            return 2;
        }
        BotApplication.Create(args[1..], BenchSupport.FindRoot(), builder => builder.Services.AddTransient<IBot, EchoBot>()).Run();
        return 0;
    }
}
