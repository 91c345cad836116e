using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Composition;
using PractitionerBot.Dialogs;

namespace PractitionerBot.Onboarding;

public static class OnboardingRegistration
{
    /// <summary>
    /// Section "Onboarding", first contact, the team welcomes and their outbox dispatcher, and the onboarding flow's actions.
    /// The host provides the <see cref="IWelcomeSender"/> that opens the personal chats.
    /// </summary>
    public static IServiceCollection AddOnboarding(this IServiceCollection services)
    {
        services.AddValidatedOptions<OnboardingOptions>(OnboardingOptions.Section);
        services.AddSingleton<FirstContact>();
        services.AddSingleton<WelcomeStore>();
        services.AddSingleton<TeamWelcomes>();
        services.AddHostedService<WelcomeDispatcher>();
        services.AddDialogAction<RecommendGroupsAction>(RecommendGroupsAction.ActionName);
        services.AddDialogAction<SaveProfileAction>(SaveProfileAction.ActionName);
        services.AddDialogAction<ShowSummaryAction>(ShowSummaryAction.ActionName);
        return services;
    }
}
