using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Answers;
using PractitionerBot.Chat.CardActions;
using PractitionerBot.Chat.Commands;
using PractitionerBot.Dialogs;
using PractitionerBot.Members;
using PractitionerBot.Onboarding;

namespace PractitionerBot.Chat;

public static class ChatRegistration
{
    /// <summary>
    /// The conversation: the command table and a handler per command, the card buttons, the flow engine and the actions
    /// flows call, and what answers questions. <paramref name="dialogsPath"/> gives the folder of flows, texts and commands.
    /// </summary>
    public static IServiceCollection AddChat(this IServiceCollection services, Func<IServiceProvider, string> dialogsPath)
    {
        services.AddSingleton(sp => CommandTable.Load(dialogsPath(sp)));
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

        services.AddSingleton<IDialogAction, RecommendGroupsAction>();
        services.AddSingleton<IDialogAction, SaveProfileAction>();
        services.AddSingleton<IDialogAction, ShowSummaryAction>();
        services.AddSingleton<IDialogAction, RecommendFromDescriptionAction>();
        services.AddSingleton<IDialogAction, EraseMemberAction>();
        services.AddSingleton<IDialogAction, SwitchFlowAction>();
        services.AddSingleton(sp => new DialogEngine(sp.GetRequiredService<FlowCatalog>().Flows, sp.GetServices<IDialogAction>(),
            sp.GetRequiredService<Localization.BotTexts>(), sp.GetRequiredService<RoleOptions>(), sp.GetRequiredService<CommandTable>()));

        services.AddSingleton<FollowService>();
        services.AddSingleton<MemberLanguage>();
        services.AddSingleton<QuestionAnswerer>();
        services.AddSingleton<TurnRateLimiter>();
        services.AddSingleton<MemberAdmission>();
        services.AddSingleton<InvokeRouter>();
        services.AddSingleton<FirstContact>();
        services.AddSingleton<ChatService>();
        return services;
    }
}
