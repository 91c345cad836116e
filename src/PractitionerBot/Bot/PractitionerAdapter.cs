using System.Data.Common;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace PractitionerBot.Bot;

/// <summary>
/// The Bot Framework adapter: retries replies the Bot Connector refuses for a moment, bounds how long
/// one may take, and on a failed turn apologises and starts the conversation afresh.
/// </summary>
internal sealed partial class PractitionerAdapter : CloudAdapter
{
    private readonly ConnectorOptions _connector;
    private readonly Polly.ResiliencePipeline _replies;
    private readonly TenantAllowList _tenants;
    private readonly ILogger<PractitionerAdapter> _log;

    /// <summary>The category of the SDK's own log lines, kept apart from ours so that its level can be lowered alone.</summary>
    public const string SdkLogCategory = "Microsoft.Bot";

    public PractitionerAdapter(BotFrameworkAuthentication auth, ConversationState conversationState, Localization.BotTexts texts, IOptions<ConnectorOptions> connector,
        TimeProvider time, TenantAllowList tenants, ILoggerFactory loggers, ILogger<PractitionerAdapter> log)
        : base(auth, loggers.CreateLogger(SdkLogCategory + ".Builder.CloudAdapter"))
    {
        _connector = connector.Value;
        _replies = ReplyResilience.Build(_connector, time, log);
        _tenants = tenants;
        _log = log;
        OnTurnError = async (turnContext, exception) =>
        {
            // Exception type and ids only: the message text and user's name stay out of the logs.
            LogTurnError(log, exception, turnContext.Activity.Type, turnContext.Activity.ChannelId, exception.GetType().Name);
            try
            {
                var isMessage = turnContext.Activity.Type == ActivityTypes.Message;
                var language = Localization.BotTexts.Resolve(null, turnContext.Activity.Locale);
                if (IsStorageFailure(exception))
                {
                    // The database is locked or full: say so, and keep the conversation (deleting it would fail too, or lose a flow).
                    if (isMessage) await turnContext.SendActivityAsync(texts.Get("storageUnavailable", language));
                    return;
                }
                // A connector that did not answer would not take the apology either.
                if (exception is TimeoutException) return;
                if (isMessage) await turnContext.SendActivityAsync(texts.Get("apology", language));
                await conversationState.DeleteAsync(turnContext);
            }
            catch (Exception inner)
            {
                LogRecoveryFailed(log, inner.GetType().Name);
            }
        };
    }

    /// <summary>
    /// Authenticates the request, checks the tenant, then runs the turn; the endpoint has already parsed and
    /// checked the activity. A refused token, a refused tenant or an unavailable token authority are outcomes, not exceptions.
    /// </summary>
    public async Task<TurnAdmission> ProcessAsync(string authHeader, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        AuthenticateRequestResult authenticated;
        try
        {
            authenticated = await BotFrameworkAuthentication.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        }
        catch (Exception ex) when (ChannelAuthFailures.IsUnavailable(ex, cancellationToken))
        {
            // Exception type only: the message of some of these quotes the token or its claims.
            LogAuthorityUnavailable(_log, ex.GetType().Name);
            return new(AdmissionStatus.AuthorityUnavailable);
        }
        catch (Exception ex) when (ChannelAuthFailures.IsRefusal(ex))
        {
            LogUnauthorized(_log, ex.GetType().Name);
            return new(AdmissionStatus.Unauthenticated);
        }
        if (!_tenants.Admits(activity))
        {
            LogTenantRefused(_log, activity.Type, activity.ChannelId);
            return new(AdmissionStatus.TenantRefused);
        }
        return new(AdmissionStatus.Admitted, await ProcessActivityAsync(authenticated, activity, callback, cancellationToken));
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Refused an activity without a valid token ({ErrorType})")]
    private static partial void LogUnauthorized(ILogger logger, string errorType);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Could not check a channel token: the OpenID metadata or signing keys are unavailable ({ErrorType})")]
    private static partial void LogAuthorityUnavailable(ILogger logger, string errorType);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Refused a {ActivityType} activity on {Channel} from a tenant that is not in Security:AllowedTenants")]
    private static partial void LogTenantRefused(ILogger logger, string activityType, string channel);

    /// <summary>Replies within a turn, one at a time so that a retry never repeats one already delivered.</summary>
    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        var responses = new List<ResourceResponse>(activities.Length);
        foreach (var activity in activities)
            responses.AddRange(await SendWithRetryAsync(turnContext, activity, cancellationToken));
        return [.. responses];
    }

    private async Task<ResourceResponse[]> SendWithRetryAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        using var span = Telemetry.BotTelemetry.Source.StartActivity("reply");
        try
        {
            return await _replies.ExecuteAsync(async ct => await base.SendActivitiesAsync(turnContext, [activity], ct), cancellationToken);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw new TimeoutException($"The Bot Connector did not answer {_connector.MaxAttempts} tries of {_connector.TimeoutSeconds} s.", e);
        }
    }

    private static bool IsStorageFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is DbException) return true;
        return false;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Turn failed for a {ActivityType} activity on {Channel}: {ErrorType}")]
    private static partial void LogTurnError(ILogger logger, Exception exception, string activityType, string channel, string errorType);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Could not apologise or reset the conversation after a failed turn: {ErrorType}")]
    private static partial void LogRecoveryFailed(ILogger logger, string errorType);
}

internal enum AdmissionStatus { Admitted, Unauthenticated, TenantRefused, AuthorityUnavailable }

/// <summary>What became of a request to /api/messages: admitted (with the invoke response, if any) or refused and why.</summary>
internal readonly record struct TurnAdmission(AdmissionStatus Status, InvokeResponse? InvokeResponse = null);
