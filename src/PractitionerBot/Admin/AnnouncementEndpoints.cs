using System.Text.Json;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using PractitionerBot.Announcements;

namespace PractitionerBot.Admin;

/// <summary>The coordinators' REST API for announcements, and the public .ics for "Add to calendar".</summary>
internal static class AnnouncementEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapAnnouncements(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/announcements");
        var read = api.MapGroup("").RequireAuthorization(ApiKeyAuthentication.ReadPolicy);
        var publish = api.MapGroup("").RequireAuthorization(ApiKeyAuthentication.PublishPolicy);

        read.MapGet("/", async (AnnouncementService service, CancellationToken ct) =>
            Results.Ok((await service.ListAsync(ct)).Select(a => new { a.Id, a.Kind, a.Title, status = Status(a.Status), a.WorkingGroups })));
        read.MapGet("/{id}", async (string id, AnnouncementService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { } a ? Results.Ok(await View(a, service, ct)) : NotFound(id));
        publish.MapPost("/", async (HttpRequest request, AnnouncementService service, CancellationToken ct) =>
            await ReadAsync(request, ct) is not { } body ? BadJson()
            : Outcome(await service.CreateAsync(body, ct), a => Results.Created($"/api/announcements/{a.Id}", new { id = a.Id, status = Status(a.Status) })));
        publish.MapPut("/{id}", async (string id, HttpRequest request, AnnouncementService service, CancellationToken ct) =>
            await ReadAsync(request, ct) is not { } body ? BadJson()
            : Outcome(await service.UpdateAsync(id, body, ct), a => Results.Ok(new { id = a.Id, status = Status(a.Status) }), id));
        publish.MapPost("/{id}/publish", async (string id, AnnouncementService service, CancellationToken ct) =>
            Outcome(await service.PublishAsync(id, ct), a => Results.Ok(new { id = a.Id, status = Status(a.Status) }), id));
        publish.MapPost("/{id}/cancel", async (string id, AnnouncementService service, CancellationToken ct) =>
            Outcome(await service.CancelAsync(id, ct), a => Results.Ok(new { id = a.Id, status = Status(a.Status) }), id));

        // Opened from the card by members' browsers: public, but only for published events.
        api.MapGet("/{id}/event.ics", async (string id, AnnouncementService service, CancellationToken ct) =>
            await service.PublishedAsync(id, ct) is { Kind: "event", StartsAt: not null } a
                ? Results.Text(Calendar(a), "text/calendar; charset=utf-8")
                : NotFound(id));
        return endpoints;
    }

    private static async Task<AnnouncementRequest?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<AnnouncementRequest>(request.Body, Json, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult BadJson() =>
        Results.Problem(title: "Malformed body", detail: "The body must be a JSON object with the announcement's fields, with the documented types.", statusCode: 400);

    private static IResult NotFound(string id) => Results.Problem(title: "Not found", detail: $"No announcement '{id}'.", statusCode: 404);

    private static IResult Outcome(AnnouncementResult result, Func<Announcement, IResult> ok, string? id = null) => result.Outcome switch
    {
        AnnouncementOutcome.Ok => ok(result.Announcement!),
        AnnouncementOutcome.NotFound => NotFound(id ?? ""),
        AnnouncementOutcome.Invalid => Results.ValidationProblem(result.Errors!, title: "The announcement has problems", detail: "Every problem is listed under 'errors'."),
        _ => Results.Problem(title: "Conflict", detail: result.Problem, statusCode: 409),
    };

    private static async Task<object> View(Announcement a, AnnouncementService service, CancellationToken ct)
    {
        var counts = await service.CountsAsync(a.Id, ct);
        var reminders = await service.CountsAsync(a.Id, ct, reminders: true);
        return new
        {
            a.Id, a.Kind, a.Title, a.WorkingGroups, a.Audience, a.EventType, a.StartsAt, a.EndsAt, a.TimeZone, a.Location, a.Description, a.Url,
            a.Deadline, a.Places, a.Programme, a.Budget, a.Eligibility, a.PublishAt,
            status = Status(a.Status),
            delivery = new { pending = counts.Pending, delivered = counts.Delivered, failed = counts.Failed, gone = counts.Gone },
            reminders = new { pending = reminders.Pending, delivered = reminders.Delivered, failed = reminders.Failed, gone = reminders.Gone },
        };
    }

    private static string Status(AnnouncementStatus status) => status.ToString().ToLowerInvariant();

    private static string Calendar(Announcement a)
    {
        var calendar = new Calendar { ProductId = "-//PractitionerBot//RAN announcements//EN" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{a.Id}@practitionerbot",
            Summary = a.Title,
            Description = a.Description,
            Location = a.Location,
            Url = a.Url is { } url ? new Uri(url) : null,
            DtStart = new CalDateTime(a.StartsAt!.Value, a.TimeZone),
            DtEnd = new CalDateTime(a.EndsAt ?? a.StartsAt!.Value.AddHours(1), a.TimeZone),
            Status = a.Status == AnnouncementStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
