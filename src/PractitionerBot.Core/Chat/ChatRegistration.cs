using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Answers;
using PractitionerBot.Chat.CardActions;
using PractitionerBot.Chat.Commands;
using PractitionerBot.Composition;
using PractitionerBot.Conversations;
using PractitionerBot.Dialogs;
using PractitionerBot.Feedback;
using PractitionerBot.Members;

namespace PractitionerBot.Chat;

public static class ChatRegistration
{
    /// <summary>
    /// The top of the conversation: section "Chat", a handler per command, the card buttons, the flow actions that belong to no
    /// feature, what answers questions, and the <see cref="ChatService"/> that routes each message. The features it routes to
    /// are added by their own AddX.
    /// </summary>
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddValidatedOptions<ChatOptions>(ChatOptions.Section);
        services.AddSingleton<IFeedbackStore, FeedbackStore>();
        services.AddSingleton<ICommand, HelpCommand>();
        services.AddSingleton<ICommand, GroupsCommand>();
        services.AddSingleton<ICommand, MyGroupsCommand>();
        services.AddSingleton<ICommand, FollowCommand>();
        services.AddSingleton<ICommand, UnfollowCommand>();
        services.AddSingleton<ICommand, ProfileCommand>();
        services.AddSingleton<ICommand>(sp => new FlowCommand("onboard", ProfileViews.OnboardingFlow, sp.GetRequiredService<DialogEngine>()));
        services.AddSingleton<ICommand>(sp => new FlowCommand("announce", "announce", sp.GetRequiredService<DialogEngine>()));
        services.AddSingleton<ICommand>(sp => new FlowCommand("forget", ProfileActions.ForgetFlow, sp.GetRequiredService<DialogEngine>()));
        services.AddSingleton<ICommand, RecommendCommand>();
        services.AddSingleton<ICommand, LinkCommand>();
        services.AddSingleton<ICommand, UnlinkCommand>();
        services.AddSingleton<CommandRouter>();

        services.AddSingleton<ICardAction, FeedbackAction>();
        services.AddSingleton<ICardAction, FollowAction>();
        services.AddSingleton<ICardAction, GroupsAction>();
        services.AddSingleton<ICardAction, PeerQuestionActions>();
        services.AddSingleton<ICardAction, ProfileActions>();
        services.AddSingleton<CardActionRouter>();

        services.AddDialogAction<RecommendFromDescriptionAction>(RecommendFromDescriptionAction.ActionName);
        services.AddDialogAction<EraseMemberAction>(EraseMemberAction.ActionName);
        services.AddDialogAction<SwitchFlowAction>(SwitchFlowAction.ActionName);

        services.AddSingleton<QuestionAnswerer>();
        services.AddSingleton<TurnRateLimiter>();
        services.AddSingleton<MemberAdmission>();
        services.AddSingleton<InvokeRouter>();
        services.AddSingleton<ChatService>();
        return services;
    }
}
