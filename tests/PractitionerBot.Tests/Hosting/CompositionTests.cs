using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Hosting;

namespace PractitionerBot.Tests.Hosting;

/// <summary>The host's registrations, read without starting it.</summary>
public sealed class CompositionTests
{
    [Fact]
    public void NoSingleton_TakesATransientService()
    {
        var services = WebApplication.CreateBuilder().AddPractitionerBot().Services;
        var lifetimeOf = services.GroupBy(d => d.ServiceType).ToDictionary(g => g.Key, g => g.Last().Lifetime);
        var captured = services
            .Where(d => d.Lifetime == ServiceLifetime.Singleton && d.ImplementationType is { } t && !t.IsGenericTypeDefinition)
            .SelectMany(d => d.ImplementationType!.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
                .SelectMany(c => c.GetParameters())
                .Where(p => lifetimeOf.TryGetValue(p.ParameterType, out var lifetime) && lifetime == ServiceLifetime.Transient)
                .Select(p => $"{d.ImplementationType!.Name} holds {p.ParameterType.Name}"))
            .Distinct()
            .ToList();
        Assert.Empty(captured);
    }

    [Fact]
    public void EveryOptionsSection_IsValidatedOnce()
    {
        var services = WebApplication.CreateBuilder().AddPractitionerBot().Services;
        var validators = services.Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(Microsoft.Extensions.Options.IValidateOptions<>)
                && d.ImplementationInstance?.GetType().Name.StartsWith("SectionValidator", StringComparison.Ordinal) == true)
            .GroupBy(d => d.ServiceType.GetGenericArguments()[0].Name)
            .ToList();
        Assert.Contains(validators, g => g.Key == "KnowledgeOptions");
        Assert.All(validators, g => Assert.True(g.Count() == 1, $"{g.Key} is validated {g.Count()} times"));
    }
}
