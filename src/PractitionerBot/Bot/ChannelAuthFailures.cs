using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PractitionerBot.Bot;

/// <summary>
/// Sorts what the SDK throws while authenticating a request: the caller's fault (401), or the token
/// authority being out of reach (503). Anything else is a bug and stays a 500.
/// </summary>
internal static class ChannelAuthFailures
{
    // IdentityModel's "Unable to obtain configuration from ..." (metadata or keys could not be fetched or read).
    private const string ConfigurationUnavailable = "IDX20803";

    public static bool IsRefusal(Exception ex) => ex is UnauthorizedAccessException or SecurityTokenException or ArgumentException
        or FormatException or CryptographicException or InvalidOperationException or Newtonsoft.Json.JsonException or System.Text.Json.JsonException;

    public static bool IsUnavailable(Exception ex, CancellationToken requestAborted) => ex switch
    {
        OperationCanceledException => !requestAborted.IsCancellationRequested,
        HttpRequestException or TimeoutException => true,
        InvalidOperationException when ex.Message.StartsWith(ConfigurationUnavailable, StringComparison.Ordinal) => true,
        _ => false,
    };
}
