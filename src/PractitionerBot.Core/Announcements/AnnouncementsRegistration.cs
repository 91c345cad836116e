using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Composition;
using PractitionerBot.Dialogs;
using PractitionerBot.Storage;

namespace PractitionerBot.Announcements;

public static class AnnouncementsRegistration
{
    /// <summary>
    /// Section "Announcements", the stores, the cards, the scheduler, the outbox (its signal, the throttled sender shared with
    /// the team welcomes, the rate gate shared by instances on PostgreSQL, the dispatcher) and the announce flow's actions.
    /// </summary>
    public static IServiceCollection AddAnnouncements(this IServiceCollection services)
    {
        services.AddValidatedOptions<AnnouncementOptions>(AnnouncementOptions.Section);
        services.AddSingleton<IRateGate>(sp => sp.GetRequiredService<Database>() is PostgresDatabase postgres
            ? new PostgresRateGate(postgres) : new LocalRateGate(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AnnouncementValidator>();
        services.AddSingleton<AnnouncementStore>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<AnnouncementCards>();
        services.AddSingleton<AnnouncementScheduler>();
        services.AddSingleton<AnnouncementService>();
        services.AddSingleton<AnnouncementInterest>();
        services.AddSingleton<AnnouncementDelivery>();
        services.AddSingleton<ThrottledSender>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddDialogAction<AnnouncementGroupsAction>(AnnouncementGroupsAction.ActionName);
        services.AddDialogAction<PreviewAnnouncementAction>(PreviewAnnouncementAction.ActionName);
        services.AddDialogAction<PublishAnnouncementAction>(PublishAnnouncementAction.ActionName);
        return services;
    }
}
