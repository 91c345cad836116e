using Microsoft.Extensions.DependencyInjection;

namespace PractitionerBot.Members;

public static class MembersRegistration
{
    /// <summary>Profiles, follows, where to reach each member, their language, and erasure.</summary>
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddSingleton<ProfileStore>();
        services.AddSingleton<FollowStore>();
        services.AddSingleton<ConversationRegistry>();
        services.AddSingleton<MemberErasure>();
        services.AddSingleton<ProfileViews>();
        services.AddSingleton<FollowService>();
        services.AddSingleton<MemberLanguage>();
        return services;
    }
}
