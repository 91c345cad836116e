using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PractitionerBot.Composition;

public static class OptionsRegistration
{
    /// <summary>
    /// Binds a configuration section, validates it when the host starts (a bad value stops start-up with a line naming the key)
    /// and makes the options class itself injectable. Each feature's AddX calls it once for its own section.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, string section,
        Action<T>? postConfigure = null, Func<T, IEnumerable<string>>? extra = null) where T : class
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<T>) && d.ImplementationInstance is SectionValidator<T>))
            throw new InvalidOperationException($"{typeof(T).Name} is registered twice");
        var builder = services.AddOptions<T>().BindConfiguration(section);
        if (postConfigure is not null) builder.PostConfigure(postConfigure);
        builder.ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section, extra));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services;
    }
}
