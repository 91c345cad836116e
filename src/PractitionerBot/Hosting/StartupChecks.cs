using PractitionerBot.Dialogs;
using PractitionerBot.Localization;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Hosting;

/// <summary>
/// Loads the data files the bot cannot work without (flows, texts, working groups) while the host
/// starts, so a broken file stops start-up with its name instead of failing the first member.
/// </summary>
internal sealed partial class StartupChecks(FlowCatalog flows, BotTexts texts, IWorkingGroupDirectory groups, Dialogs.RoleOptions roles,
    Chat.Commands.CommandRouter commands, ILogger<StartupChecks> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (roles.Coordinators.Count == 0 && !roles.EveryoneWhenEmpty) LogNoCoordinators(log);
        if (!flows.Flows.ContainsKey(Members.ProfileViews.OnboardingFlow))
            throw new InvalidDataException("Dialogs:Path: the onboarding flow (dialogs/onboarding.yaml, id 'onboarding') is missing");
        _ = (texts.Has("help"), groups.All.Count, commands.Table.Commands.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning,
        Message = "Roles:Coordinators is empty: nobody may link channels or announce in Teams until it lists the coordinators' AAD object ids")]
    private static partial void LogNoCoordinators(ILogger logger);
}
