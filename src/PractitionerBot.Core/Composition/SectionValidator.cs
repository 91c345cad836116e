using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PractitionerBot.Composition;

/// <summary>
/// Data-annotation validation whose messages name the full configuration key
/// ("Knowledge:MinConfidence: ..."), plus checks that need more than an attribute.
/// </summary>
public sealed class SectionValidator<T>(string section, Func<T, IEnumerable<string>>? extra = null) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
            failures.Add($"{Key(result.MemberNames.FirstOrDefault())}: {result.ErrorMessage}");
        if (extra is not null) failures.AddRange(extra(options));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string Key(string? member) => string.IsNullOrEmpty(section) ? member ?? "?" : $"{section}:{member}";
}
