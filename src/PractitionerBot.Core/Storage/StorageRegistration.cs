using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Composition;

namespace PractitionerBot.Storage;

public static class StorageRegistration
{
    /// <summary>
    /// Section "Storage" (the SQLite path resolved against <paramref name="root"/>) and the one <see cref="Database"/>.
    /// Nothing is opened or migrated here: <see cref="Database.Migrate"/> belongs to the start-up step that says so.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, string root)
    {
        services.AddValidatedOptions<StorageOptions>(StorageOptions.Section, o => o.SqlitePath = Path.GetFullPath(o.SqlitePath, root), o => o.Problems());
        services.AddSingleton(sp => sp.GetRequiredService<StorageOptions>().Open());
        return services;
    }
}
