using System.Text.Json.Nodes;

namespace PractitionerBot.Conversations;

/// <summary>Reading card data, which comes from the client and may have any shape.</summary>
public static class JsonFields
{
    /// <summary>The field's string value (cut to <paramref name="max"/> characters), or null when it is missing or not a string.</summary>
    public static string? String(this JsonObject? data, string key, int max = int.MaxValue) =>
        data?[key] is JsonValue v && v.TryGetValue(out string? s) ? (s.Length > max ? s[..max] : s) : null;
}
