using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Composition;

namespace PractitionerBot.Insights;

public static class InsightsRegistration
{
    /// <summary>Section "Insights", question records for the coordinators' insights and the report built from them.</summary>
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddValidatedOptions<InsightsOptions>(InsightsOptions.Section);
        services.AddSingleton<MemberHash>();
        services.AddSingleton<QuestionInsights>();
        services.AddSingleton<InsightsQueries>();
        return services;
    }
}
