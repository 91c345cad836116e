using Microsoft.Extensions.Options;

namespace PractitionerBot.Hosting;

internal static class ConfigurationError
{
    /// <summary>A one-line description of a start-up failure caused by configuration or data files, else null.</summary>
    public static string? Describe(Exception ex) => ex switch
    {
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        InvalidDataException data => data.Message,
        InvalidOperationException op when op.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase) => op.Message,
        _ when ex.InnerException is { } inner => Describe(inner),
        _ => null,
    };
}
