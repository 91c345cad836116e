using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PractitionerBot.Cards;
using PractitionerBot.Chat;
using PractitionerBot.Localization;
using PractitionerBot.Members;
using PractitionerBot.PeerExchange;

namespace PractitionerBot.Announcements;

public enum AnnouncementOutcome { Ok, NotFound, Invalid, Conflict }

public sealed record AnnouncementResult(AnnouncementOutcome Outcome, Announcement? Announcement = null, IDictionary<string, string[]>? Errors = null, string? Problem = null);

/// <summary>Creating, editing, publishing and cancelling announcements; starting a send is the scheduler's, delivery the dispatcher's.</summary>
public sealed partial class AnnouncementService(
    AnnouncementStore store,
    DeliveryStore deliveries,
    AnnouncementValidator validator,
    AnnouncementScheduler scheduler,
    AnnouncementCards cards,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<AnnouncementService> log)
{
    public async Task<AnnouncementResult> CreateAsync(AnnouncementRequest request, CancellationToken cancellationToken)
    {
        var (announcement, errors) = validator.Validate(request, Guid.NewGuid().ToString("N")[..12]);
        if (announcement is null) return new AnnouncementResult(AnnouncementOutcome.Invalid, Errors: errors);
        if (cards.TooLarge(announcement) is { } size) return new AnnouncementResult(AnnouncementOutcome.Invalid, Errors: size);
        await store.InsertAsync(announcement, cancellationToken);
        LogCreated(log, announcement.Id, announcement.Kind);
        return new AnnouncementResult(AnnouncementOutcome.Ok, announcement);
    }

    public async Task<AnnouncementResult> UpdateAsync(string id, AnnouncementRequest request, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } current) return new AnnouncementResult(AnnouncementOutcome.NotFound);
        if (current.Status == AnnouncementStatus.Cancelled) return new AnnouncementResult(AnnouncementOutcome.Conflict, Problem: "a cancelled announcement cannot be edited");
        var (updated, errors) = validator.Validate(request, id, current.Version + 1);
        if (updated is null) return new AnnouncementResult(AnnouncementOutcome.Invalid, Errors: errors);
        if (cards.TooLarge(updated) is { } size) return new AnnouncementResult(AnnouncementOutcome.Invalid, Errors: size);
        updated = updated with { Status = current.Status == AnnouncementStatus.Scheduled ? AnnouncementStatus.Scheduled : current.Status };
        if (!await store.ReplaceAsync(updated, current.Status, cancellationToken))
            return new AnnouncementResult(AnnouncementOutcome.Conflict, Problem: "the announcement changed meanwhile; read it again");
        if (current.Status is AnnouncementStatus.Sending or AnnouncementStatus.Sent)
        {
            await deliveries.MarkForUpdateAsync(id, cancellationToken); // every delivered card is updated in place
            signal.Signal();
        }
        return new AnnouncementResult(AnnouncementOutcome.Ok, updated);
    }

    public async Task<AnnouncementResult> PublishAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } a) return new AnnouncementResult(AnnouncementOutcome.NotFound);
        switch (a.Status)
        {
            case AnnouncementStatus.Cancelled:
                return new AnnouncementResult(AnnouncementOutcome.Conflict, a, Problem: "a cancelled announcement cannot be published");
            case AnnouncementStatus.Sending or AnnouncementStatus.Sent:
                return new AnnouncementResult(AnnouncementOutcome.Ok, a); // publishing twice sends nothing twice
            case AnnouncementStatus.Draft when a.PublishAt is { } at && at > time.GetUtcNow():
                var scheduled = a with { Status = AnnouncementStatus.Scheduled };
                await store.ReplaceAsync(scheduled, AnnouncementStatus.Draft, cancellationToken);
                return new AnnouncementResult(AnnouncementOutcome.Ok, scheduled);
        }
        return new AnnouncementResult(AnnouncementOutcome.Ok, await scheduler.StartSendingAsync(a, cancellationToken) ?? await store.GetAsync(id, cancellationToken));
    }

    public async Task<AnnouncementResult> CancelAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } a) return new AnnouncementResult(AnnouncementOutcome.NotFound);
        if (a.Status == AnnouncementStatus.Cancelled) return new AnnouncementResult(AnnouncementOutcome.Ok, a);
        var cancelled = a with { Status = AnnouncementStatus.Cancelled };
        if (!await store.ReplaceAsync(cancelled, a.Status, cancellationToken))
            return new AnnouncementResult(AnnouncementOutcome.Conflict, Problem: "the announcement changed meanwhile; try again");
        await deliveries.CancelAsync(id, cancellationToken);
        signal.Signal();
        LogCancelled(log, id);
        return new AnnouncementResult(AnnouncementOutcome.Ok, cancelled);
    }

    public Task<Announcement?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    /// <summary>
    /// The announcement if members may see it: published (sending or sent), or cancelled after its cards reached someone.
    /// Drafts and scheduled ones are the coordinators' until they go out.
    /// </summary>
    public async Task<Announcement?> PublishedAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) switch
        {
            { Status: AnnouncementStatus.Sending or AnnouncementStatus.Sent } a => a,
            { Status: AnnouncementStatus.Cancelled } a when (await deliveries.CountsAsync(id, cancellationToken)).Delivered > 0 => a,
            _ => null,
        };

    public Task<List<Announcement>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public Task<DeliveryCounts> CountsAsync(string id, CancellationToken cancellationToken, bool reminders = false) =>
        deliveries.CountsAsync(id, cancellationToken, reminders);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Announcement {Id} created ({Kind})")]
    private static partial void LogCreated(ILogger logger, string id, string kind);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Announcement {Id} cancelled")]
    private static partial void LogCancelled(ILogger logger, string id);
}
