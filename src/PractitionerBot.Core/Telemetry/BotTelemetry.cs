using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PractitionerBot.Telemetry;

/// <summary>
/// The bot's own traces and metrics (System.Diagnostics, so Core needs no OpenTelemetry package): the host exports
/// the source and the meter named <see cref="Name"/>. Prometheus shows the instruments as <c>practitionerbot_*</c>.
/// </summary>
public static class BotTelemetry
{
    public const string Name = "PractitionerBot";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("practitionerbot.turns", description: "Activities received and run as a turn, by activity type");

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("practitionerbot.turn.duration", unit: "s",
        description: "How long a turn took, from the parsed activity to the last reply sent");

    public static readonly Counter<long> Answers = Meter.CreateCounter<long>("practitionerbot.answers", description: "Questions to the papers, by outcome (answered, abstained, no_terms, not_ready)");

    public static readonly Counter<long> ConnectorThrottled = Meter.CreateCounter<long>("practitionerbot.connector.throttled",
        description: "Sends the Bot Connector answered with 429, by path (reply, outbox)");

    public static readonly Counter<long> ConnectorRetries = Meter.CreateCounter<long>("practitionerbot.connector.retries",
        description: "Replies sent again after a 429, a 5xx or a timeout");

    /// <summary>A turn: its span (the parent of search and reply) and, when disposed, its count and duration.</summary>
    public static TurnScope StartTurn(string activityType) => new(activityType, Source.StartActivity("turn", ActivityKind.Internal), Stopwatch.GetTimestamp());

    public readonly struct TurnScope(string activityType, Activity? span, long started) : IDisposable
    {
        public void Dispose()
        {
            var type = new KeyValuePair<string, object?>("activity.type", activityType);
            Turns.Add(1, type);
            TurnDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, type);
            span?.Dispose();
        }
    }

    public static void Answered(string outcome) => Answers.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void Throttled(string path) => ConnectorThrottled.Add(1, new KeyValuePair<string, object?>("path", path));
}
