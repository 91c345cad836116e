using PractitionerBot.Conversations;

namespace PractitionerBot.Onboarding;

/// <summary>
/// Sends one member's welcome: creates their personal chat, starts onboarding there and sends its first messages,
/// from part <see cref="Welcome.PartsSent"/> on. Implemented by the channel adapter; every call goes through the throttled sender.
/// </summary>
public interface IWelcomeSender
{
    /// <summary><paramref name="partSent"/> is called after each message that arrived, with how many have.</summary>
    Task<WelcomeResult> WelcomeAsync(Welcome welcome, Func<int, Task> partSent, CancellationToken cancellationToken);
}

/// <summary>Sent, or skipped (the member has a profile by now), or the send that failed.</summary>
public readonly record struct WelcomeResult(SendResult Send, bool Skipped = false);
