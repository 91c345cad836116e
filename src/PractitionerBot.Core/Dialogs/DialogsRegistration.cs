using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Composition;
using PractitionerBot.Localization;

namespace PractitionerBot.Dialogs;

/// <summary>The name of an action flows may call, registered with the action: flows are checked against what is registered.</summary>
public sealed record DialogActionName(string Name);

public static class DialogsRegistration
{
    /// <summary>
    /// The conversation's data: section "Dialogs" (the folder, resolved against <paramref name="root"/>), the bot's texts,
    /// the command table, the flows (checked against the actions registered with <see cref="AddDialogAction{T}"/>),
    /// the roles flows may require, and the engine that runs them.
    /// </summary>
    public static IServiceCollection AddDialogs(this IServiceCollection services, string root)
    {
        services.AddValidatedOptions<DialogOptions>(DialogOptions.Section, o => o.Path = Path.GetFullPath(o.Path, root),
            o => Directory.Exists(o.Path) ? [] : [$"Dialogs:Path: folder '{o.Path}' does not exist"]);
        services.AddValidatedOptions<RoleOptions>(RoleOptions.Section);
        services.AddSingleton(sp => BotTexts.Load(Path.Combine(sp.GetRequiredService<DialogOptions>().Path, "texts.yaml")));
        services.AddSingleton(sp => CommandTable.Load(sp.GetRequiredService<DialogOptions>().Path));
        services.AddSingleton(sp => new FlowCatalog(FlowLoader.LoadAll(sp.GetRequiredService<DialogOptions>().Path,
            sp.GetServices<DialogActionName>().Select(a => a.Name).ToHashSet(StringComparer.Ordinal))));
        services.AddSingleton(sp => new DialogEngine(sp.GetRequiredService<FlowCatalog>().Flows, sp.GetServices<IDialogAction>(),
            sp.GetRequiredService<BotTexts>(), sp.GetRequiredService<RoleOptions>(), sp.GetRequiredService<CommandTable>()));
        return services;
    }

    /// <summary>An action flows may call by <paramref name="name"/> (the action's own <see cref="IDialogAction.Name"/>).</summary>
    public static IServiceCollection AddDialogAction<T>(this IServiceCollection services, string name) where T : class, IDialogAction
    {
        services.AddSingleton<IDialogAction, T>();
        services.AddSingleton(new DialogActionName(name));
        return services;
    }
}
