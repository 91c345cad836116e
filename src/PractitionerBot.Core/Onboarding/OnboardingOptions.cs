namespace PractitionerBot.Onboarding;

/// <summary>Configuration section "Onboarding".</summary>
public sealed class OnboardingOptions
{
    public const string Section = "Onboarding";

    /// <summary>Members added to a team the bot is in get a welcome in a personal chat (the channel's own welcome is not affected).</summary>
    public bool WelcomeTeamMembers { get; set; } = true;
}
