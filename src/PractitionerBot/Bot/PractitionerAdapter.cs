using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using PractitionerBot.Chat;

namespace PractitionerBot.Bot;

/// <summary>The Bot Framework adapter, with a turn error handler that apologises and starts the conversation afresh.</summary>
internal sealed partial class PractitionerAdapter : CloudAdapter
{
    public PractitionerAdapter(BotFrameworkAuthentication auth, ConversationState conversationState, Localization.BotTexts texts, ILogger<PractitionerAdapter> log)
        : base(auth, log)
    {
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

    /// <summary>Authenticates the request and runs the turn; the endpoint has already parsed and checked the activity.</summary>
    public Task<InvokeResponse> ProcessAsync(string authHeader, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ProcessActivityAsync(authHeader, activity, callback, cancellationToken);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Turn failed for a {ActivityType} activity on {Channel}: {ErrorType}")]
    private static partial void LogTurnError(ILogger logger, Exception exception, string activityType, string channel, string errorType);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Could not apologise or reset the conversation after a failed turn: {ErrorType}")]
    private static partial void LogRecoveryFailed(ILogger logger, string errorType);
}
