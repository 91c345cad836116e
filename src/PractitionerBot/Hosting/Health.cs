using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PractitionerBot.Knowledge;
using PractitionerBot.Storage;

namespace PractitionerBot.Hosting;

/// <summary>
/// <c>GET /healthz</c> on ASP.NET Core health checks: 200 <c>{"status":"ready","mode":"lexical"|"hybrid"}</c> once the
/// knowledge index can answer and the database can be reached, 503 with the reason before or otherwise.
/// </summary>
internal static class Health
{
    private const string Knowledge = "knowledge", Storage = "database";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<KnowledgeHealthCheck>(Knowledge)
            .AddCheck<DatabaseHealthCheck>(Storage, timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        object body = report.Entries[Knowledge].Status != HealthStatus.Healthy
            ? new { status = "starting", reason = report.Entries[Knowledge].Description }
            : report.Entries[Storage].Status != HealthStatus.Healthy
                ? new { status = "unavailable", reason = report.Entries[Storage].Description }
                : new { status = "ready", mode = report.Entries[Knowledge].Data["mode"] };
        return http.Response.WriteAsJsonAsync(body, http.RequestAborted);
    }

    private sealed class KnowledgeHealthCheck(IKnowledgeBase knowledge) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(knowledge.IsReady
                ? HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["mode"] = knowledge.Mode == SearchMode.Hybrid ? "hybrid" : "lexical" })
                : HealthCheckResult.Unhealthy("the knowledge index is being opened"));
    }

    private sealed class DatabaseHealthCheck(Database database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (Database.IsUnavailable(e) || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The exception's type only: a provider's message may quote the connection string.
                return HealthCheckResult.Unhealthy($"the database cannot be reached ({e.GetType().Name})");
            }
        }
    }
}
