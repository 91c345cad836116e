using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Knowledge;
using PractitionerBot.Knowledge.Ingestion;

namespace PractitionerBot.WorkingGroups;

public static class WorkingGroupsRegistration
{
    /// <summary>The ten working groups (from Knowledge:WorkingGroupsPath, so after <c>AddKnowledge</c>) and the router that recommends them.</summary>
    public static IServiceCollection AddWorkingGroups(this IServiceCollection services)
    {
        services.AddSingleton(sp => WorkingGroupDirectory.Load(sp.GetRequiredService<KnowledgeOptions>().WorkingGroupsPath));
        services.AddSingleton<IWorkingGroupDirectory>(sp => sp.GetRequiredService<WorkingGroupDirectory>());
        services.AddSingleton(sp => new KnownWorkingGroups(sp.GetRequiredService<WorkingGroupDirectory>().Ids));
        services.AddSingleton<WorkingGroupRouter>();
        return services;
    }
}
