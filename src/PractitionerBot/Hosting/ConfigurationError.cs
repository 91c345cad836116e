using Microsoft.Extensions.Options;

namespace PractitionerBot.Hosting;

internal static class ConfigurationError
{
    /// <summary>
    /// A one-line description of a start-up failure caused by configuration or data files, else null.
    /// The cause may be wrapped (hosted services, dependency injection), so the whole chain is searched.
    /// </summary>
    public static string? Describe(Exception ex) => Causes(ex).Select(Message).FirstOrDefault(m => m is not null);

    private static string? Message(Exception ex) => ex switch
    {
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        InvalidDataException data => data.Message,
        InvalidOperationException op when op.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase) => op.Message,
        _ => null,
    };

    private static IEnumerable<Exception> Causes(Exception ex)
    {
        yield return ex;
        var inner = ex is AggregateException aggregate ? aggregate.InnerExceptions : ex.InnerException is { } one ? [one] : [];
        foreach (var cause in inner.SelectMany(Causes)) yield return cause;
    }
}
