using PractitionerBot.PeerExchange;

namespace PractitionerBot.Hosting;

/// <summary>Checks for unanswered peer questions on a timer (from <see cref="TimeProvider"/>, so tests control time).</summary>
internal sealed partial class PeerReminderService(PeerReminders peers, PeerExchangeOptions options, TimeProvider time, ILogger<PeerReminderService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.ReminderCheckMinutes), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var sent = await peers.SendRemindersAsync(stoppingToken);
                if (sent > 0) LogReminders(log, sent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(log, ex, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Sent {Count} reminders for unanswered peer questions")]
    private static partial void LogReminders(ILogger logger, int count);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Reminder check failed: {ErrorType}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string errorType);
}
