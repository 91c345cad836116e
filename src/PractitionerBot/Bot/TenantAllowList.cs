using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PractitionerBot.Bot;

/// <summary>Configuration section "Security".</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// <c>Security:AllowedTenants:N</c>: Entra tenant ids (GUIDs) whose members may use the bot. Empty: every tenant.
    /// When set, an activity that reports no tenant is refused too: Teams always sends one, so a
    /// tenantless activity comes from another channel or is forged, and letting it through would undo the list.
    /// </summary>
    public List<string> AllowedTenants { get; set; } = [];

    internal IEnumerable<string> Problems() => AllowedTenants
        .Select((t, i) => (t, i))
        .Where(x => !Guid.TryParse(x.t, out _))
        .Select(x => $"Security:AllowedTenants:{x.i}: '{x.t}' is not a tenant id (a GUID)");
}

/// <summary>Decides whether an authenticated activity comes from an allowed tenant.</summary>
internal sealed class TenantAllowList(Microsoft.Extensions.Options.IOptions<SecurityOptions> options)
{
    private readonly HashSet<Guid> _allowed = options.Value.AllowedTenants.Select(Guid.Parse).ToHashSet();

    public bool Admits(Activity activity)
    {
        if (_allowed.Count == 0) return true;
        var reported = new[] { activity.Conversation?.TenantId, ChannelDataTenant(activity) }
            .Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        // No tenant, or two that disagree: nothing to trust.
        if (reported.Count == 0 || reported.Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1) return false;
        return Guid.TryParse(reported[0], out var tenant) && _allowed.Contains(tenant);
    }

    private static string? ChannelDataTenant(Activity activity) =>
        activity.ChannelData is JObject data && data["tenant"] is JObject tenant && tenant["id"] is JValue { Type: JTokenType.String } id
            ? (string?)id.Value
            : null;
}
