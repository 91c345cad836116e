using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Announcements;
using PractitionerBot.Chat;
using PractitionerBot.Dialogs;
using PractitionerBot.Onboarding;

namespace PractitionerBot.Tests.Dialogs;

/// <summary>The actions the bot registers for its flows, read from the same registrations the host uses.</summary>
internal static class ShippedDialogActions
{
    public static IReadOnlySet<string> Names { get; } = new ServiceCollection().AddOnboarding().AddAnnouncements().AddChat()
        .Where(d => d.ServiceType == typeof(DialogActionName))
        .Select(d => ((DialogActionName)d.ImplementationInstance!).Name)
        .ToHashSet(StringComparer.Ordinal);
}
