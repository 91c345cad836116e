using PractitionerBot.Chat;

namespace PractitionerBot.Tests.Chat;

/// <summary>No hub: every class in the bot takes at most 8 services.</summary>
public sealed class ConstructorSizeTests
{
    [Fact]
    public void NoClassInSrc_TakesMoreThanEightConstructorParameters()
    {
        var assemblies = new[] { typeof(ChatService).Assembly, typeof(PractitionerBot.Hosting.BotApplication).Assembly, typeof(PractitionerBot.Cli.CliProgram).Assembly };
        var big = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && !IsRecord(t) && !t.Name.Contains('<'))
            .SelectMany(t => t.GetConstructors(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
                .Select(c => (Type: t.FullName, Count: c.GetParameters().Length)))
            .Where(x => x.Count > 8)
            .Select(x => $"{x.Type}: {x.Count}")
            .Distinct()
            .ToList();
        Assert.Empty(big);
    }

    /// <summary>Records are data (a card's fields, a flow step), not services.</summary>
    private static bool IsRecord(Type t) => t.GetMethod("<Clone>$") is not null;
}
