namespace PractitionerBot.Hosting;

/// <summary>
/// The Bot Framework's own root-level keys (read by the SDK from configuration as they are).
/// Empty <c>MicrosoftAppId</c> means anonymous mode, for local use and tests.
/// </summary>
public sealed class BotAuthOptions
{
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppType { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);

    internal IEnumerable<string> Problems()
    {
        if (IsAnonymous) yield break;
        var type = string.IsNullOrWhiteSpace(MicrosoftAppType) ? "MultiTenant" : MicrosoftAppType;
        if (type is not ("MultiTenant" or "SingleTenant" or "UserAssignedMSI"))
            yield return $"MicrosoftAppType: '{type}' is not one of MultiTenant, SingleTenant, UserAssignedMSI";
        if (type != "UserAssignedMSI" && string.IsNullOrWhiteSpace(MicrosoftAppPassword))
            yield return "MicrosoftAppPassword: required when MicrosoftAppId is set";
        if (type is "SingleTenant" or "UserAssignedMSI" && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
            yield return $"MicrosoftAppTenantId: required for MicrosoftAppType {type}";
    }
}
