using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;
using PractitionerBot.Admin;
using PractitionerBot.Announcements;
using PractitionerBot.Bot;
using PractitionerBot.Chat;
using PractitionerBot.Composition;
using PractitionerBot.Conversations;
using PractitionerBot.Dialogs;
using PractitionerBot.Insights;
using PractitionerBot.Knowledge;
using PractitionerBot.Members;
using PractitionerBot.Onboarding;
using PractitionerBot.PeerExchange;
using PractitionerBot.Privacy;
using PractitionerBot.Storage;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Hosting;

public static class Extensions
{
    public static IHostApplicationBuilder AddPractitionerBot(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var root = builder.Environment.ContentRootPath;
        // The Bot Framework SDK logs conversation ids (1:1 chats too) at Information: Warning, unless the operator sets the level.
        if (builder.Configuration.GetSection("Logging:LogLevel")[PractitionerAdapter.SdkLogCategory] is null)
            builder.Logging.AddFilter(PractitionerAdapter.SdkLogCategory, LogLevel.Warning);

        services.AddSingleton(TimeProvider.System);
        // Storage first: its start-up step migrates the schema before any other step uses the database.
        services.AddStorage(root);
        services.AddHostedService<StorageStartup>();
        services.AddKnowledge(root).AddWorkingGroups();
        services.AddHostedService<KnowledgeStartup>();
        services.AddHostedService<SemanticStartup>();
        services.AddDialogs(root);
        services.PostConfigure<RoleOptions>(o => o.EveryoneWhenEmpty = string.IsNullOrWhiteSpace(builder.Configuration[nameof(BotAuthOptions.MicrosoftAppId)]));
        services.AddMembers();
        // Peer exchange sends while a member's turn waits: bounded (InTurnMessenger); reminders and the outbox keep BotMessenger's own timeout.
        services.AddSingleton<InTurnMessenger>();
        services.AddPeerExchange(sp => sp.GetRequiredService<InTurnMessenger>());
        services.AddSingleton<BotMessenger>();
        services.AddSingleton<IMessenger>(sp => sp.GetRequiredService<BotMessenger>());
        services.AddHostedService<PeerReminderService>();
        services.AddValidatedOptions<RetentionOptions>(RetentionOptions.Section);
        services.AddSingleton<RetentionPurge>();
        services.AddHostedService<RetentionService>();
        // Before the outbox dispatchers (added with their features) start sending.
        services.AddHostedService<StartupChecks>();
        services.AddAnnouncements();
        services.AddOnboarding();
        services.AddSingleton<IWelcomeSender, TeamWelcomeSender>();
        services.AddChat();

        services.AddValidatedOptions<AdminOptions>(AdminOptions.Section, extra: o => o.Problems());
        services.AddValidatedOptions<BotAuthOptions>("", extra: o => o.Problems());
        services.AddValidatedOptions<ConnectorOptions>(ConnectorOptions.Section);
        services.AddValidatedOptions<SecurityOptions>(SecurityOptions.Section, extra: o => o.Problems());

        services.AddHttpClient();
        services.AddSingleton<IStorage, SqlStorage>();
        services.AddSingleton<ConversationState>();
        services.AddSingleton<BotFrameworkAuthentication>(sp =>
        {
            // Validated first: the SDK reads the same keys and would otherwise fail on them with its own, unnamed exception.
            _ = sp.GetRequiredService<IOptions<BotAuthOptions>>().Value;
            return new SharedContractsAuthentication(new ConfigurationBotFrameworkAuthentication(builder.Configuration,
                httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(), logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));
        });
        services.AddSingleton<TenantAllowList>();
        services.AddSingleton<PractitionerAdapter>();
        services.AddSingleton<CloudAdapter>(sp => sp.GetRequiredService<PractitionerAdapter>());
        // Holds no per-turn state (that lives in ConversationState), and MessagesEndpoint, a singleton, keeps one.
        services.AddSingleton<IBot, PractitionerActivityHandler>();
        services.AddSingleton<ConversationGate>();
        services.AddSingleton<MessagesEndpoint>();
        services.AddProblemDetails();
        services.AddHealth();

        // Insights for coordinators and metrics for operators.
        services.AddInsights();
        services.AddInsightsPage();
        services.AddApiKeyAuthentication();
        builder.AddTelemetry();
        return builder;
    }

    public static IEndpointRouteBuilder MapPractitionerBot(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAnnouncements();
        endpoints.MapInsightsApi();
        endpoints.MapInsightsPage();
        endpoints.MapTelemetry();
        endpoints.MapPost("/api/messages", (HttpContext http, MessagesEndpoint messages) => messages.HandleAsync(http));
        endpoints.MapHealth();
        return endpoints;
    }
}
