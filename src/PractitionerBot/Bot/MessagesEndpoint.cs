using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace PractitionerBot.Bot;

/// <summary>
/// POST /api/messages. Reads and checks the activity itself before handing it to the adapter, so
/// that bad input gets a 4xx with the reason instead of an exception inside the SDK (a 500).
/// </summary>
internal sealed class MessagesEndpoint(PractitionerAdapter adapter, IBot bot)
{
    public const int MaxBodyBytes = 256 * 1024;

    private static readonly JsonSerializerSettings ActivitySettings = new()
    {
        MaxDepth = 64,
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.DateTimeOffset,
    };

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the activity as application/json.");
        if (request.ContentLength > MaxBodyBytes)
            return Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"Activities are limited to {MaxBodyBytes / 1024} KB.");

        var body = await ReadBodyAsync(request, http.RequestAborted);
        if (body is null)
            return Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"Activities are limited to {MaxBodyBytes / 1024} KB.");

        Activity? activity;
        try
        {
            activity = JsonConvert.DeserializeObject<Activity>(body, ActivitySettings);
        }
        catch (JsonException ex)
        {
            // The parser's message names the path and position, never the content.
            return Problem(StatusCodes.Status400BadRequest, "Malformed activity", FirstSentence(ex.Message));
        }
        if (activity is null) return Problem(StatusCodes.Status400BadRequest, "Malformed activity", "The body is not a JSON object.");
        if (ActivityShape.Problems(activity) is { Count: > 0 } problems)
            return Problem(StatusCodes.Status400BadRequest, "Invalid activity", string.Join(" ", problems));

        using var turn = Telemetry.BotTelemetry.StartTurn(activity.Type ?? "unknown");
        var admission = await adapter.ProcessAsync(request.Headers.Authorization.ToString(), activity, bot.OnTurnAsync, http.RequestAborted);
        switch (admission.Status)
        {
            case AdmissionStatus.Unauthenticated:
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "The request does not carry a valid Bot Framework token.");
            case AdmissionStatus.TenantRefused:
                return Problem(StatusCodes.Status403Forbidden, "Forbidden", "This bot is not available to your organisation.");
            case AdmissionStatus.AuthorityUnavailable:
                // The token could not be checked, which says nothing about the caller: a temporary fault on our side, not a 401.
                http.Response.Headers.RetryAfter = "10";
                return Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The bot cannot verify tokens right now; try again shortly.");
        }
        if (admission.InvokeResponse is not { } invokeResponse) return Results.Ok();
        return invokeResponse.Body is null
            ? Results.StatusCode(invokeResponse.Status)
            : Results.Content(JsonConvert.SerializeObject(invokeResponse.Body, ActivitySettings), "application/json", Encoding.UTF8, invokeResponse.Status);
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        // Invalid UTF-8 becomes U+FFFD rather than an exception.
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
