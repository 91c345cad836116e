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

    // The SDK's endpoint overrides (sovereign or private clouds, and the tests' local token authority).
    public string? ToBotFromChannelOpenIdMetadataUrl { get; set; }
    public string? ToBotFromChannelTokenIssuer { get; set; }
    public string? ToBotFromEmulatorOpenIdMetadataUrl { get; set; }
    public string? ToChannelFromBotLoginUrl { get; set; }
    public string? ToChannelFromBotOAuthScope { get; set; }
    public string? OAuthUrl { get; set; }
    public string? ValidateAuthority { get; set; }

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);

    internal IEnumerable<string> Problems()
    {
        foreach (var problem in EndpointProblems()) yield return problem;
        if (IsAnonymous) yield break;
        var type = string.IsNullOrWhiteSpace(MicrosoftAppType) ? "MultiTenant" : MicrosoftAppType;
        if (type is not ("MultiTenant" or "SingleTenant" or "UserAssignedMSI"))
            yield return $"MicrosoftAppType: '{type}' is not one of MultiTenant, SingleTenant, UserAssignedMSI";
        if (type != "UserAssignedMSI" && string.IsNullOrWhiteSpace(MicrosoftAppPassword))
            yield return "MicrosoftAppPassword: required when MicrosoftAppId is set";
        if (type is "SingleTenant" or "UserAssignedMSI" && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
            yield return $"MicrosoftAppTenantId: required for MicrosoftAppType {type}";
    }

    /// <summary>
    /// Setting any override switches the SDK to a configuration where it uses only what is set: a missing
    /// issuer refuses every token, a missing login URL fails every reply. So it is all of them or none.
    /// </summary>
    private IEnumerable<string> EndpointProblems()
    {
        var endpoints = new (string Key, string? Value)[]
        {
            (nameof(ToBotFromChannelOpenIdMetadataUrl), ToBotFromChannelOpenIdMetadataUrl),
            (nameof(ToBotFromChannelTokenIssuer), ToBotFromChannelTokenIssuer),
            (nameof(ToBotFromEmulatorOpenIdMetadataUrl), ToBotFromEmulatorOpenIdMetadataUrl),
            (nameof(ToChannelFromBotLoginUrl), ToChannelFromBotLoginUrl),
            (nameof(ToChannelFromBotOAuthScope), ToChannelFromBotOAuthScope),
            (nameof(OAuthUrl), OAuthUrl),
        };
        if (endpoints.Any(e => !string.IsNullOrWhiteSpace(e.Value)))
        {
            foreach (var (key, value) in endpoints)
            {
                if (string.IsNullOrWhiteSpace(value))
                    yield return $"{key}: required when any of {string.Join(", ", endpoints.Select(e => e.Key))} is set";
                else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                    yield return $"{key}: '{value}' is not an absolute https URL";
            }
        }
        if (!string.IsNullOrWhiteSpace(ValidateAuthority) && !bool.TryParse(ValidateAuthority, out _))
            yield return $"ValidateAuthority: '{ValidateAuthority}' is not true or false";
    }
}
