using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PractitionerBot.Announcements;
using PractitionerBot.Conversations;
using PractitionerBot.Localization;

namespace PractitionerBot.Onboarding;

/// <summary>
/// Sends what the welcomes outbox holds, through the same <see cref="ThrottledSender"/> (and rate gate) as the
/// announcements: 403 and 404 mean the member is gone; 429 pauses everyone; other failures retry with jittered backoff
/// until <see cref="AnnouncementOptions.MaxAttempts"/>.
/// </summary>
public sealed partial class WelcomeDispatcher(
    WelcomeStore store,
    TeamWelcomes welcomes,
    IWelcomeSender members,
    ThrottledSender sender,
    BotTexts texts,
    AnnouncementOptions options,
    TimeProvider time,
    ILogger<WelcomeDispatcher> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        OutboxLoop.RunAsync((free, ct) => store.ClaimAsync(free, TimeSpan.FromSeconds(options.LeaseSeconds), ct), DeliverAsync, welcomes.Signal,
            options.Concurrency, time, ex => LogStorageProblem(log, ex.GetType().Name), stoppingToken);

    private async Task DeliverAsync(Welcome welcome, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverOnceAsync(welcome, cancellationToken);
        }
        catch (Exception ex) when (Storage.Database.IsUnavailable(ex))
        {
            LogStorageProblem(log, ex.GetType().Name); // the lease runs out and the welcome is tried again
        }
    }

    private async Task DeliverOnceAsync(Welcome welcome, CancellationToken cancellationToken)
    {
        WelcomeResult result;
        if (welcome.Kind == Welcome.Channel)
        {
            var reply = new TextReply(texts.Get("teamWelcome", BotTexts.ChannelLanguage));
            result = new WelcomeResult(await sender.SendAsync(welcome.TeamId, welcome.Recipient, reply, cancellationToken));
        }
        else if (await store.AlreadyKnownAsync(welcome, cancellationToken))
        {
            await store.DoneAsync(welcome.Id, WelcomeStatus.Skipped, null, cancellationToken);
            return;
        }
        else
        {
            result = await members.WelcomeAsync(welcome, parts => store.PartSentAsync(welcome.Id, parts, CancellationToken.None), cancellationToken);
        }
        // The outcome is written even while stopping: a welcome whose outcome is lost is sent again.
        cancellationToken = CancellationToken.None;
        var send = result.Send;
        if (result.Skipped || send.Sent)
        {
            await store.DoneAsync(welcome.Id, result.Skipped ? WelcomeStatus.Skipped : WelcomeStatus.Delivered, null, cancellationToken);
            return;
        }
        var fate = await sender.FateAsync(send, welcome.Attempts, cancellationToken);
        if (fate.Kind == SendFateKind.Gone)
        {
            await store.DoneAsync(welcome.Id, WelcomeStatus.Gone, fate.Error, cancellationToken);
            return;
        }
        await store.RetryAsync(welcome.Id, fate.At, fate.Error, fate.Failed, cancellationToken);
        if (fate.Kind == SendFateKind.Poison) LogPoison(log, welcome.Id, send.Status ?? 0);
    }

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Welcomes paused by a storage problem: {ErrorType}")]
    private static partial void LogStorageProblem(ILogger logger, string errorType);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Welcome {WelcomeId} refused with HTTP {Status}: not retried")]
    private static partial void LogPoison(ILogger logger, long welcomeId, int status);
}
