using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>
/// The Bot Framework's token side on loopback: OpenID metadata and a JWKS with an RSA key made for
/// the test (what login.botframework.com serves), so tests sign channel tokens the bot must verify,
/// and the token endpoint the bot gets its own token from for replies (what login.microsoftonline.com does).
/// </summary>
/// <remarks>
/// Setting the SDK's endpoint keys (<see cref="BotSettings"/>) puts it on its parameterized path, which
/// uses exactly these URLs. The login URL ends in <c>/adfs</c> on purpose: MSAL treats an AAD-style
/// authority on an unknown host as an alias of login.microsoftonline.com (unreachable here), while an
/// ADFS authority is taken as it is, with the token at <c>/adfs/oauth2/token</c>. The connector then
/// receives <see cref="OutgoingToken"/>, so tests see that replies are authenticated.
/// </remarks>
public sealed class ChannelAuthority : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string AppPassword = "test-app-password-not-a-secret";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);
    private const string KeyId = "test-key-1";

    public string BaseUrl { get; private set; } = "";

    public string MetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    /// <summary>The access token the bot gets for its calls to the connector (opaque to the bot).</summary>
    public const string OutgoingToken = "outgoing-test-token";

    private int _tokensIssued;

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>When set, the metadata and keys answer with this status instead.</summary>
    public int? FailWith { get; set; }

    private ChannelAuthority()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.UseHttps(Certificate())));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/v1/.well-known/openidconfiguration", () => FailWith is { } status ? Results.StatusCode(status) : Results.Json(new JsonObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = BaseUrl + "/auth",
            ["jwks_uri"] = BaseUrl + "/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }));
        // The bot's outgoing token (client credentials), as login.microsoftonline.com answers it.
        _app.MapPost("/adfs/oauth2/token", () =>
        {
            Interlocked.Increment(ref _tokensIssued);
            return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = OutgoingToken });
        });
        _app.MapGet("/v1/.well-known/keys", () =>
        {
            if (FailWith is { } status) return Results.StatusCode(status);
            var p = _key.ExportParameters(false);
            return Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                    ["endorsements"] = new JsonArray("msteams", "webchat", "emulator"),
                }),
            });
        });
    }

    /// <summary>
    /// The SDK fetches metadata only over https, with the default certificate checks: the test
    /// process trusts this certificate through SSL_CERT_FILE (set by the test project, see its csproj).
    /// </summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "TestAuthority");
        using var pem = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(
            Path.Combine(dir, "authority.cert.pem"), Path.Combine(dir, "authority.key.pem"));
        // Kestrel on Linux needs the key in an exportable, non-ephemeral form.
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(pem.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12), null);
    }

    public static async Task<ChannelAuthority> StartAsync()
    {
        var authority = new ChannelAuthority();
        await authority._app.StartAsync();
        authority.BaseUrl = authority._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return authority;
    }

    /// <summary>The bot's settings for Bot Framework authentication against this authority.</summary>
    public Dictionary<string, string> BotSettings() => new()
    {
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = AppPassword,
        ["ToBotFromChannelOpenIdMetadataUrl"] = MetadataUrl,
        ["ToBotFromChannelTokenIssuer"] = Issuer,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = MetadataUrl,
        ["ToChannelFromBotLoginUrl"] = BaseUrl + "/adfs",
        ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
        ["OAuthUrl"] = BaseUrl,
        ["ValidateAuthority"] = "false",
    };

    /// <summary>A channel token as the Bot Connector signs it; each parameter spoils one property for the negative cases.</summary>
    public string Token(string serviceUrl, string audience = AppId, string issuer = Issuer, DateTime? expires = null, bool otherKey = false)
    {
        var now = DateTime.UtcNow;
        var expiry = expires ?? now.AddMinutes(30);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expiry.AddMinutes(-60),
            NotBefore = expiry.AddMinutes(-60),
            Expires = expiry,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(otherKey ? _otherKey : _key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
        _otherKey.Dispose();
    }
}
