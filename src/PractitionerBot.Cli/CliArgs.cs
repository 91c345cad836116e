namespace PractitionerBot.Cli;

/// <summary>Positional words and --options of a command line; flags have no value.</summary>
internal sealed class CliArgs
{
    private static readonly HashSet<string> Flags = ["--json", "--force", "--help", "--misses", "--lexical", "--tune"];

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static CliArgs Parse(IEnumerable<string> args)
    {
        var parsed = new CliArgs();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                if (arg.Contains('='))
                {
                    var parts = arg.Split('=', 2);
                    parsed._options[parts[0]] = parts[1];
                }
                else if (Flags.Contains(arg)) parsed._options[arg] = "true";
                else if (e.MoveNext()) parsed._options[arg] = e.Current;
                else throw new CliException($"option {arg} needs a value");
            }
            else parsed.Positional.Add(arg);
        }
        return parsed;
    }

    public bool Has(string option) => _options.ContainsKey(option);

    public string? Get(string option) => _options.GetValueOrDefault(option);

    public string Require(string option) => Get(option) ?? throw new CliException($"option {option} is required");

    public int GetInt(string option, int fallback, int min, int max)
    {
        if (Get(option) is not { } text) return fallback;
        if (!int.TryParse(text, out var value) || value < min || value > max)
            throw new CliException($"option {option} takes a whole number from {min} to {max}, not '{text}'");
        return value;
    }

    public void AllowOnly(params string[] options)
    {
        var unknown = _options.Keys.Where(k => !options.Contains(k)).ToList();
        if (unknown.Count > 0) throw new CliException($"unknown option {string.Join(", ", unknown)} (this command takes {string.Join(", ", options)})");
    }
}

/// <summary>A usage error: printed as one line, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);
