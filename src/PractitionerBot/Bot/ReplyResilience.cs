using Microsoft.Bot.Schema;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PractitionerBot.Bot;

/// <summary>
/// How a reply within a turn is sent: each try bounded by <see cref="ConnectorOptions.TimeoutSeconds"/>, and a refusal
/// for a moment (429, 5xx) or a try that timed out tried again, up to <see cref="ConnectorOptions.MaxAttempts"/>, after
/// the connector's Retry-After (at most 30 s) or else an exponential backoff with jitter from <see cref="ConnectorOptions.RetryDelayMilliseconds"/>.
/// </summary>
internal static partial class ReplyResilience
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    public static ResiliencePipeline Build(ConnectorOptions options, TimeProvider time, ILogger log)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
                ShouldHandle = new PredicateBuilder().Handle<ErrorResponseException>(IsTransient).Handle<TimeoutRejectedException>(),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is ErrorResponseException e
                    && RetryAfter.Of(e, time.GetUtcNow()) is { } wait ? wait < MaxRetryAfter ? wait : MaxRetryAfter : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var status = (args.Outcome.Exception as ErrorResponseException)?.Response?.StatusCode;
                    LogReplyRetried(log, status is null ? "timeout" : $"HTTP {(int)status}", args.AttemptNumber + 1);
                    if (status is not null && (int)status == 429) Telemetry.BotTelemetry.Throttled("reply");
                    Telemetry.BotTelemetry.ConnectorRetries.Add(1);
                    return ValueTask.CompletedTask;
                },
            });
        }
        return builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds)).Build();
    }

    private static bool IsTransient(ErrorResponseException e) => e.Response is { StatusCode: var status } && ((int)status == 429 || (int)status >= 500);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "The Bot Connector refused a reply ({Reason}) on try {Attempt}; trying again")]
    private static partial void LogReplyRetried(ILogger logger, string reason, int attempt);
}
