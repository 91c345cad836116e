using System.Security.Cryptography;
using System.Text;

namespace PractitionerBot.Admin;

/// <summary>Configuration section "Admin": API keys for the coordinators' REST API.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public const string Publisher = "publisher";
    public const string Reader = "reader";

    /// <summary><c>Admin:ApiKeys:N:Key</c> and <c>Admin:ApiKeys:N:Role</c>. None: the API refuses every request.</summary>
    public List<ApiKey> ApiKeys { get; set; } = [];

    public sealed class ApiKey
    {
        public string Key { get; set; } = "";
        public string Role { get; set; } = "";
    }

    internal IEnumerable<string> Problems() => ApiKeys.SelectMany((k, i) => Check(k, i));

    private static IEnumerable<string> Check(ApiKey key, int i)
    {
        if (key.Key.Length < 16) yield return $"Admin:ApiKeys:{i}:Key: must be at least 16 characters";
        if (key.Role is not (Publisher or Reader)) yield return $"Admin:ApiKeys:{i}:Role: '{key.Role}' is not '{Publisher}' or '{Reader}'";
    }

    /// <summary>The role of a presented key, compared in constant time (hashes, so lengths leak nothing).</summary>
    public string? RoleOf(string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? role = null;
        foreach (var key in ApiKeys)
            if (CryptographicOperations.FixedTimeEquals(hash, SHA256.HashData(Encoding.UTF8.GetBytes(key.Key)))) role = key.Role;
        return role;
    }
}
