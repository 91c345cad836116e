using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PractitionerBot.Knowledge;
using PractitionerBot.Storage;
using PractitionerBot.Telemetry;

namespace PractitionerBot.Hosting;

/// <summary>Configuration section "Telemetry".</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Serve the metrics for Prometheus to scrape at <c>/metrics</c>.</summary>
    public bool Prometheus { get; set; }
}

/// <summary>
/// OpenTelemetry: the bot's own meter and traces (<see cref="BotTelemetry"/>), ASP.NET Core, HttpClient and the runtime.
/// OTLP export is configured only by the standard <c>OTEL_EXPORTER_OTLP_*</c> variables and is off without them;
/// Prometheus scraping at <c>/metrics</c> with <c>Telemetry:Prometheus=true</c>.
/// </summary>
internal static class TelemetrySetup
{
    private static readonly string[] OtlpEndpoints =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"];

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddSingleton(options);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("practitionerbot"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BotTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (options.Prometheus) metrics.AddPrometheusExporter();
            })
            .WithTracing(tracing => tracing.AddSource(BotTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation(http =>
                // Bot Connector paths carry conversation ids: a span names the host only.
                http.EnrichWithHttpRequestMessage = (span, request) => span.SetTag("url.full", request.RequestUri is { } uri ? $"{uri.Scheme}://{uri.Authority}/" : null)));
        // Read through the configuration, which holds the environment (and so also takes them as arguments).
        if (OtlpEndpoints.Any(v => !string.IsNullOrWhiteSpace(builder.Configuration[v]))) otel.UseOtlpExporter();
        builder.Services.AddHostedService<TelemetryGauges>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<TelemetryOptions>().Prometheus) endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}

/// <summary>
/// Gauges read from this instance's state: the outbox by status (counted in the database every 15 s, so a scrape costs no query)
/// and the index size.
/// </summary>
internal sealed partial class TelemetryGauges(IMeterFactory meters, Database database, KnowledgeBase knowledge, TimeProvider time, ILogger<TelemetryGauges> log)
    : BackgroundService
{
    private volatile IReadOnlyList<(string Status, int Count)> _outbox = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var meter = meters.Create(BotTelemetry.Name);
        meter.CreateObservableGauge("practitionerbot.outbox.deliveries", () => _outbox.Select(o =>
            new Measurement<int>(o.Count, new KeyValuePair<string, object?>("status", o.Status))), description: "Outbox rows by status (pending, sending, delivered, failed, gone, cancelled)");
        meter.CreateObservableGauge("practitionerbot.index.passages", () => knowledge.LastBuild?.Passages ?? 0, description: "Passages in the search index");
        meter.CreateObservableGauge("practitionerbot.index.documents", () => knowledge.LastBuild?.Documents ?? 0, description: "Papers in the search index");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15), time);
        do
        {
            try
            {
                _outbox = await database.QueryAsync("SELECT status, COUNT(*) FROM deliveries GROUP BY status;",
                    r => (r.GetString(0).ToLowerInvariant(), r.Int(1)), stoppingToken);
            }
            catch (Exception ex) when (Database.IsUnavailable(ex))
            {
                LogOutboxUnread(log, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Could not count the outbox for the metrics: {ErrorType}")]
    private static partial void LogOutboxUnread(ILogger logger, string errorType);
}
