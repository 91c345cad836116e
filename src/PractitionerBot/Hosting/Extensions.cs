using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;
using PractitionerBot.Admin;
using PractitionerBot.Announcements;
using PractitionerBot.Bot;
using PractitionerBot.Chat;
using PractitionerBot.Feedback;
using PractitionerBot.Insights;
using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Semantic;
using PractitionerBot.Knowledge.Translation;
using PractitionerBot.Dialogs;
using PractitionerBot.Localization;
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

        services.AddValidatedOptions<KnowledgeOptions>(KnowledgeOptions.Section, o =>
        {
            o.CorpusPath = Path.GetFullPath(o.CorpusPath, root);
            o.IndexPath = Path.GetFullPath(o.IndexPath, root);
            o.WorkingGroupsPath = Path.GetFullPath(o.WorkingGroupsPath, root);
            o.LexiconPath = Path.GetFullPath(o.LexiconPath, root);
        }, o => Missing("Knowledge:CorpusPath", o.CorpusPath).Concat(MissingFile("Knowledge:WorkingGroupsPath", o.WorkingGroupsPath))
            .Concat(Directory.Exists(o.LexiconPath) ? [] : [$"Knowledge:LexiconPath: folder '{o.LexiconPath}' does not exist"]));
        services.AddValidatedOptions<SemanticOptions>(SemanticOptions.Section, o =>
        {
            if (!string.IsNullOrWhiteSpace(o.VectorsPath)) o.VectorsPath = Path.GetFullPath(o.VectorsPath, root);
        });
        services.AddValidatedOptions<StorageOptions>(StorageOptions.Section, o => o.SqlitePath = Path.GetFullPath(o.SqlitePath, root),
            o => o.Problems());
        services.AddValidatedOptions<ChatOptions>(ChatOptions.Section);
        services.AddValidatedOptions<PeerExchangeOptions>(PeerExchangeOptions.Section);
        services.AddValidatedOptions<RetentionOptions>(RetentionOptions.Section);
        services.AddValidatedOptions<RoleOptions>(RoleOptions.Section,
            o => o.EveryoneWhenEmpty = string.IsNullOrWhiteSpace(builder.Configuration[nameof(BotAuthOptions.MicrosoftAppId)]));
        services.AddValidatedOptions<AnnouncementOptions>(AnnouncementOptions.Section);
        services.AddValidatedOptions<AdminOptions>(AdminOptions.Section, extra: o => o.Problems());
        services.AddValidatedOptions<DialogOptions>(DialogOptions.Section, o => o.Path = Path.GetFullPath(o.Path, root),
            o => Directory.Exists(o.Path) ? [] : [$"Dialogs:Path: folder '{o.Path}' does not exist"]);
        services.AddValidatedOptions<BotAuthOptions>("", extra: o => o.Problems());
        services.AddValidatedOptions<ConnectorOptions>(ConnectorOptions.Section);
        services.AddValidatedOptions<SecurityOptions>(SecurityOptions.Section, extra: o => o.Problems());
        services.AddValidatedOptions<OnboardingOptions>(OnboardingOptions.Section);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ChatOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PeerExchangeOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RetentionOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RoleOptions>>().Value);
        services.AddSingleton(sp => WorkingGroupDirectory.Load(sp.GetRequiredService<KnowledgeOptions>().WorkingGroupsPath));
        services.AddSingleton<IWorkingGroupDirectory>(sp => sp.GetRequiredService<WorkingGroupDirectory>());
        services.AddSingleton(sp => new CorpusLoader(sp.GetRequiredService<WorkingGroupDirectory>().Ids));
        services.AddSingleton(new PassageSplitter());
        services.AddSingleton(sp => new QueryTranslator(BilingualLexicon.Load(sp.GetRequiredService<KnowledgeOptions>().LexiconPath), new LanguageIdentifier()));
        services.AddSingleton<KnowledgeIndexer>();
        services.AddSingleton<KnowledgeBase>();
        services.AddSingleton<IKnowledgeBase>(sp => sp.GetRequiredService<KnowledgeBase>());
        services.AddHostedService<KnowledgeStartup>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SemanticOptions>>().Value);
        services.AddSingleton<IEmbedderSource>(PackagedModels.Instance);
        services.AddHostedService<SemanticStartup>();

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Open());
        services.AddSingleton<IRateGate>(sp => sp.GetRequiredService<Database>() is PostgresDatabase postgres
            ? new PostgresRateGate(postgres) : new LocalRateGate(sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<StorageStartup>();
        services.AddSingleton<IFeedbackStore, SqliteFeedbackStore>();
        services.AddSingleton<WorkingGroupRouter>();
        services.AddSingleton<FollowStore>();
        services.AddSingleton<ChannelLinkStore>();
        services.AddSingleton<PeerQuestionStore>();
        services.AddSingleton<PeerQuestionCards>();
        // Peer exchange sends while a member's turn waits: bounded (InTurnMessenger); reminders and the outbox keep BotMessenger's own timeout.
        services.AddSingleton<InTurnMessenger>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PeerExchangeService>(sp, (IMessenger)sp.GetRequiredService<InTurnMessenger>()));
        services.AddSingleton<ChannelLinking>();
        services.AddSingleton<PeerReminders>();
        services.AddSingleton<BotMessenger>();
        services.AddSingleton<IMessenger>(sp => sp.GetRequiredService<BotMessenger>());
        services.AddHostedService<PeerReminderService>();
        services.AddSingleton<RetentionPurge>();
        services.AddHostedService<RetentionService>();
        services.AddSingleton(sp => BotTexts.Load(Path.Combine(sp.GetRequiredService<IOptions<DialogOptions>>().Value.Path, "texts.yaml")));
        services.AddSingleton(sp => new FlowCatalog(FlowLoader.LoadAll(sp.GetRequiredService<IOptions<DialogOptions>>().Value.Path, DialogActionNames.All)));
        services.AddSingleton<IDialogAction, AnnouncementGroupsAction>();
        services.AddSingleton<IDialogAction, PreviewAnnouncementAction>();
        services.AddSingleton<IDialogAction, PublishAnnouncementAction>();
        services.AddChat(sp => sp.GetRequiredService<IOptions<DialogOptions>>().Value.Path);
        services.AddSingleton<ProfileStore>();
        services.AddSingleton<ProfileViews>();
        services.AddSingleton<MemberErasure>();
        services.AddHostedService<StartupChecks>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AnnouncementOptions>>().Value);
        services.AddSingleton<ConversationRegistry>();
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
        services.AddSingleton<RelayLimiter>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<OnboardingOptions>>().Value);
        services.AddSingleton<WelcomeStore>();
        services.AddSingleton<TeamWelcomes>();
        services.AddSingleton<IWelcomeSender, TeamWelcomeSender>();
        services.AddHostedService<WelcomeDispatcher>();

        services.AddHttpClient();
        services.AddSingleton<IStorage, SqlStorage>();
        services.AddSingleton<ConversationState>();
        services.AddSingleton<BotFrameworkAuthentication>(sp =>
        {
            // Validated first: the SDK reads the same keys and would otherwise fail on them with its own, unnamed exception.
            _ = sp.GetRequiredService<IOptions<BotAuthOptions>>().Value;
            return new ConfigurationBotFrameworkAuthentication(builder.Configuration, httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
                logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>());
        });
        services.AddSingleton<TenantAllowList>();
        services.AddSingleton<PractitionerAdapter>();
        services.AddSingleton<CloudAdapter>(sp => sp.GetRequiredService<PractitionerAdapter>());
        services.AddTransient<IBot, PractitionerActivityHandler>();
        services.AddSingleton<MessagesEndpoint>();
        services.AddProblemDetails();
        services.AddHealth();

        // Insights for coordinators and metrics for operators.
        services.AddValidatedOptions<InsightsOptions>(InsightsOptions.Section);
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

    private static void AddValidatedOptions<T>(this IServiceCollection services, string section,
        Action<T>? postConfigure = null, Func<T, IEnumerable<string>>? extra = null) where T : class
    {
        var builder = services.AddOptions<T>().BindConfiguration(section);
        if (postConfigure is not null) builder.PostConfigure(postConfigure);
        builder.ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section, extra));
    }

    private static IEnumerable<string> Missing(string key, string path) =>
        Directory.Exists(path) || File.Exists(path) ? [] : [$"{key}: '{path}' does not exist"];

    private static IEnumerable<string> MissingFile(string key, string path) =>
        File.Exists(path) ? [] : [$"{key}: file '{path}' does not exist"];
}
