using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PractitionerBot.Admin;

/// <summary>
/// The coordinators' REST API authenticates a bearer API key (<c>Admin:ApiKeys</c>) into its role; route groups require a
/// policy: <see cref="ReadPolicy"/> (reader or publisher) or <see cref="PublishPolicy"/> (publisher).
/// </summary>
internal static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string ReadPolicy = "api-read";
    public const string PublishPolicy = "api-publish";

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(AdminOptions.Reader, AdminOptions.Publisher))
            .AddPolicy(PublishPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(AdminOptions.Publisher));
        return services;
    }
}

/// <summary>401 (with a Bearer challenge) without a valid key, 403 for a key whose role may not call the endpoint; both as problem details.</summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder,
    IOptions<AdminOptions> admin) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        // The scheme is case-insensitive (RFC 9110); the key is not.
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        if (admin.Value.RoleOf(header["Bearer ".Length..].Trim()) is not { } role)
            return Task.FromResult(AuthenticateResult.Fail("not a valid API key"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(title: "Unauthorized", detail: "Send a valid API key as 'Authorization: Bearer KEY'.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = (await AuthenticateAsync()).Principal?.FindFirstValue(ClaimTypes.Role);
        await Results.Problem(title: "Forbidden", detail: $"An API key with role '{role}' may not do this.",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
    }
}
