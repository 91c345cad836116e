using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PractitionerBot.Insights;

public static class InsightsRegistration
{
    /// <summary>Question records for the coordinators' insights and the report built from them (options bound by the host).</summary>
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<InsightsOptions>>().Value);
        services.AddSingleton<MemberHash>();
        services.AddSingleton<QuestionInsights>();
        services.AddSingleton<InsightsQueries>();
        return services;
    }
}
