using System.ComponentModel.DataAnnotations;

namespace PractitionerBot.Bot;

/// <summary>Configuration section "Connector": how replies within a turn are sent to the Bot Connector.</summary>
public sealed class ConnectorOptions
{
    public const string Section = "Connector";

    /// <summary>Tries per reply when the Bot Connector answers 429 or 5xx or does not answer in time.</summary>
    [Range(1, 10)] public int MaxAttempts { get; set; } = 3;

    /// <summary>How long one try may take; a hanging connector must not hold the turn for the HTTP client's 100 s.</summary>
    [Range(0.1, 120)] public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Wait before the first retry, doubled for each further one, with jitter; a Retry-After header wins.</summary>
    [Range(0, 30_000)] public int RetryDelayMilliseconds { get; set; } = 500;

    /// <summary>How long a proactive send made inside a turn (a peer's answer relayed to the asker, a channel card update) may take.</summary>
    [Range(0.5, 10)] public double InTurnSendSeconds { get; set; } = 4;
}
