using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using PractitionerBot.Chat;

namespace PractitionerBot.Bot;

/// <summary>The Bot Framework adapter, with a turn error handler that apologises and starts the conversation afresh.</summary>
internal sealed partial class PractitionerAdapter : CloudAdapter
{
    private readonly TenantAllowList _tenants;
    private readonly ILogger<PractitionerAdapter> _log;

    public PractitionerAdapter(BotFrameworkAuthentication auth, ConversationState conversationState, Localization.BotTexts texts,
        TenantAllowList tenants, ILogger<PractitionerAdapter> log)
        : base(auth, log)
    {
        _tenants = tenants;
        _log = log;
        OnTurnError = async (turnContext, exception) =>
        {
            // Exception type and ids only: the message text and user's name stay out of the logs.
            LogTurnError(log, exception, turnContext.Activity.Type, turnContext.Activity.ChannelId, exception.GetType().Name);
            try
            {
                if (turnContext.Activity.Type == Microsoft.Bot.Schema.ActivityTypes.Message)
                    await turnContext.SendActivityAsync(texts.Get("apology", Localization.BotTexts.Resolve(null, turnContext.Activity.Locale)));
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

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Turn failed for a {ActivityType} activity on {Channel}: {ErrorType}")]
    private static partial void LogTurnError(ILogger logger, Exception exception, string activityType, string channel, string errorType);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Could not apologise or reset the conversation after a failed turn: {ErrorType}")]
    private static partial void LogRecoveryFailed(ILogger logger, string errorType);
}

internal enum AdmissionStatus { Admitted, Unauthenticated, TenantRefused, AuthorityUnavailable }

/// <summary>What became of a request to /api/messages: admitted (with the invoke response, if any) or refused and why.</summary>
internal readonly record struct TurnAdmission(AdmissionStatus Status, InvokeResponse? InvokeResponse = null);
