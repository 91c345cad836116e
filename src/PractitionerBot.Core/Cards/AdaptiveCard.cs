using System.Text.Json;
using System.Text.Json.Nodes;

namespace PractitionerBot.Cards;

/// <summary>
/// A small typed builder for Adaptive Cards 1.5 (the AdaptiveCards package is not available here).
/// It covers the elements the bot uses; every card it produces is checked by the official JS SDK in tests.
/// </summary>
public sealed class AdaptiveCard
{
    public const string SchemaVersion = "1.5";

    /// <summary>Teams refuses bot messages much over 28 KB of card; stay under it.</summary>
    public const int MaxBytes = 28 * 1024;

    /// <summary>The size Teams counts for a card: the UTF-8 bytes of its JSON.</summary>
    public static int Bytes(string json) => System.Text.Encoding.UTF8.GetByteCount(json);

    /// <summary>Whether a card's JSON is within <see cref="MaxBytes"/>.</summary>
    public static bool Fits(string json) => Bytes(json) <= MaxBytes;

    public List<CardElement> Body { get; init; } = [];
    public List<CardAction> Actions { get; init; } = [];

    /// <summary>What a screen reader says; also the notification preview on some clients.</summary>
    public string? Speak { get; init; }

    /// <summary>Shown where cards are not rendered (notifications, old clients).</summary>
    public string? FallbackText { get; init; }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = SchemaVersion,
            ["body"] = new JsonArray(Body.Select(e => (JsonNode)e.ToJson()).ToArray()),
        };
        if (Actions.Count > 0) json["actions"] = new JsonArray(Actions.Select(a => (JsonNode)a.ToJson()).ToArray());
        if (Speak is not null) json["speak"] = Speak;
        if (FallbackText is not null) json["fallbackText"] = FallbackText;
        return json;
    }

    public string ToJsonString() => ToJson().ToJsonString(Options);

    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

public enum TextSize { Default, Small, Medium, Large, ExtraLarge }
public enum TextWeight { Default, Lighter, Bolder }
public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }
public enum Spacing { Default, None, Small, Medium, Large, ExtraLarge, Padding }
public enum ContainerStyle { Default, Emphasis, Good, Attention, Warning, Accent }

internal static class CardJson
{
    public static string Camel<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static JsonObject With(this JsonObject json, string key, JsonNode? value)
    {
        if (value is not null) json[key] = value;
        return json;
    }
}
