namespace PractitionerBot.Dialogs;

/// <summary>Configuration section "Roles": who may link channels and announce.</summary>
public sealed class RoleOptions
{
    public const string Section = "Roles";

    /// <summary>
    /// AAD object ids of coordinators. Empty: nobody, when the bot authenticates its callers (MicrosoftAppId set);
    /// everyone, only when it runs anonymously on its own machine (local use and trials).
    /// </summary>
    public List<string> Coordinators { get; set; } = [];

    /// <summary>Set by the host from its authentication mode: an empty list opens coordinator commands to everyone only when anonymous.</summary>
    public bool EveryoneWhenEmpty { get; set; }

    public bool IsCoordinator(string? aadObjectId) =>
        Coordinators.Count == 0
            ? EveryoneWhenEmpty
            : aadObjectId is not null && Coordinators.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase);
}
