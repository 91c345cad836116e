using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using PractitionerBot.Insights;
using PractitionerBot.Privacy;

namespace PractitionerBot.Admin;

/// <summary>
/// <c>/insights</c>: the coordinators' page. Signing in posts an API key in a form (with an antiforgery token); the session is
/// a cookie that holds the key's role and a fingerprint of it (never the key), and ends when that key is removed from the settings.
/// </summary>
internal static class InsightsPage
{
    public const string Scheme = "insights";
    private const string FingerprintClaim = "key-fingerprint";

    public static IServiceCollection AddInsightsPage(this IServiceCollection services)
    {
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "practitionerbot-insights-af";
            o.Cookie.Path = "/insights";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "practitionerbot-insights";
            o.Cookie.Path = "/insights";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = false;
            o.Events.OnValidatePrincipal = context =>
            {
                var admin = context.HttpContext.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;
                var fingerprint = context.Principal?.FindFirst(FingerprintClaim)?.Value;
                if (fingerprint is null || !admin.ApiKeys.Any(k => Fingerprint(k.Key) == fingerprint)) context.RejectPrincipal();
                return Task.CompletedTask;
            };
        });
        return services;
    }

    public static IEndpointRouteBuilder MapInsightsPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/insights", async (HttpContext http, IAntiforgery antiforgery, InsightsQueries queries, IOptions<RetentionOptions> retention,
            InsightsOptions insights, CancellationToken ct) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            if (!(await http.AuthenticateAsync(Scheme)).Succeeded) return Html(InsightsHtml.SignIn(tokens.FormFieldName, tokens.RequestToken!, null));
            var max = retention.Value.InsightsDays;
            var (days, problem) = InsightsEndpoints.ParseDays(http.Request.Query["days"], max);
            if (problem is not null) return Html(InsightsHtml.Problem("Bad period", problem), StatusCodes.Status400BadRequest);
            var report = await queries.BuildAsync(days, ct);
            return Html(InsightsHtml.Dashboard(report, days, max, insights.MinMembersPerTopic, tokens.FormFieldName, tokens.RequestToken!));
        });
        endpoints.MapPost("/insights/sign-in", async (HttpContext http, IAntiforgery antiforgery, IOptions<AdminOptions> admin) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Expired();
            var key = (await http.Request.ReadFormAsync(http.RequestAborted))["key"].ToString().Trim();
            var role = key.Length == 0 ? null : admin.Value.RoleOf(key);
            if (role is not (AdminOptions.Reader or AdminOptions.Publisher))
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                return Html(InsightsHtml.SignIn(tokens.FormFieldName, tokens.RequestToken!, "That key is not valid. Check it and try again."), StatusCodes.Status401Unauthorized);
            }
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, role), new Claim(FingerprintClaim, Fingerprint(key))], Scheme);
            await http.SignInAsync(Scheme, new ClaimsPrincipal(identity));
            // Post, redirect, get: reloading the page does not post the key again.
            return Results.Redirect("/insights", permanent: false, preserveMethod: false);
        }).DisableAntiforgery();
        endpoints.MapPost("/insights/sign-out", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Expired();
            await http.SignOutAsync(Scheme);
            return Results.Redirect("/insights");
        }).DisableAntiforgery();
        return endpoints;
    }

    private static IResult Expired() =>
        Html(InsightsHtml.Problem("The form has expired", "Open the insights page again and repeat what you did."), StatusCodes.Status400BadRequest);

    /// <summary>Server-rendered HTML that loads nothing: no scripts at all, styles only from the page itself.</summary>
    private static IResult Html(string html, int status = StatusCodes.Status200OK) => new HtmlResult(html, status);

    private static string Fingerprint(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("insights-session\n" + key)))[..32];

    private sealed class HtmlResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return http.Response.WriteAsync(html, http.RequestAborted);
        }
    }
}
