using PractitionerBot.Localization;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PractitionerBot.Dialogs;

public enum CommandArgument { None, Required, Optional }

/// <summary>A command as <c>dialogs/commands.yaml</c> defines it: its words by language, its argument, whether it interrupts a flow.</summary>
public sealed record CommandDefinition(string Id, IReadOnlyDictionary<string, IReadOnlyList<string>> Words, CommandArgument Argument, bool Interrupts)
{
    /// <summary>How a text names the command to a member: the first word of their language.</summary>
    public string WordIn(string language) => (Words.GetValueOrDefault(language) ?? Words["en"])[0];
}

/// <summary>What a message asked for: a command and the rest of the text as its argument.</summary>
public sealed record CommandMatch(CommandDefinition Command, string Argument);

/// <summary>The flow controls a member can type at every step of a flow.</summary>
public enum FlowControl { Cancel, Skip, Restart, Help }

/// <summary>
/// The one table of commands (<c>dialogs/commands.yaml</c>): every place that needs to know whether a message is a command
/// asks here. Matching ignores case, accents and trailing punctuation, and takes the longest words that fit.
/// </summary>
public sealed class CommandTable
{
    public const string File = "commands.yaml";

    private readonly List<(string Folded, int WordCount, CommandDefinition Command)> _words;
    private readonly Dictionary<string, FlowControl> _controls;

    public CommandTable(IReadOnlyList<CommandDefinition> commands, IReadOnlyDictionary<FlowControl, IReadOnlyDictionary<string, IReadOnlyList<string>>> controls)
    {
        Commands = commands;
        Controls = controls;
        _words = commands
            .SelectMany(c => c.Words.Values.SelectMany(w => w).Select(w => (Folded: ChoiceMatcher.Fold(w), c)))
            .Where(x => x.Folded.Length > 0)
            .DistinctBy(x => (x.Folded, x.c.Id))
            .Select(x => (x.Folded, x.Folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, x.c))
            .OrderByDescending(x => x.Item1.Length)
            .ToList();
        _controls = controls
            .SelectMany(c => c.Value.Values.SelectMany(w => w).Select(w => (Word: ChoiceMatcher.Fold(w), Control: c.Key)))
            .DistinctBy(x => x.Word)
            .ToDictionary(x => x.Word, x => x.Control);
    }

    public IReadOnlyList<CommandDefinition> Commands { get; }

    public IReadOnlyDictionary<FlowControl, IReadOnlyDictionary<string, IReadOnlyList<string>>> Controls { get; }

    public CommandDefinition this[string id] => Commands.First(c => c.Id == id);

    /// <summary>The command a message asks for, if any.</summary>
    public CommandMatch? Match(string? text)
    {
        var typed = ChoiceMatcher.Fold(text ?? "");
        if (typed.Length == 0) return null;
        foreach (var (folded, wordCount, command) in _words)
        {
            if (typed == folded)
            {
                if (command.Argument == CommandArgument.Required) continue;
                return new CommandMatch(command, "");
            }
            if (command.Argument != CommandArgument.None && typed.Length > folded.Length && typed.StartsWith(folded, StringComparison.Ordinal)
                && !char.IsLetterOrDigit(typed[folded.Length]))
            {
                var argument = Rest(text!, wordCount);
                if (argument.Length == 0 && command.Argument == CommandArgument.Required) continue;
                return new CommandMatch(command, argument);
            }
        }
        return null;
    }

    /// <summary>A flow control word ("cancel", "annuler", "überspringen"), if the whole message is one.</summary>
    public FlowControl? Control(string? text) => _controls.TryGetValue(ChoiceMatcher.Fold(text ?? ""), out var control) ? control : null;

    /// <summary>The flow control as a member of that language types it.</summary>
    public string ControlWordIn(FlowControl control, string language) =>
        (Controls[control].GetValueOrDefault(language) ?? Controls[control]["en"])[0];

    /// <summary>The original text after the command's words, without the punctuation that joins them ("which group is for me: …").</summary>
    private static string Rest(string text, int wordCount)
    {
        var words = text.Trim().Split((char[]?)null, wordCount + 1, StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= wordCount ? "" : words[wordCount].Trim().Trim(' ', '?', ':', ',', '.', '-', '!').Trim();
    }

    public static CommandTable Load(string folder)
    {
        var path = Path.Combine(folder, File);
        if (!System.IO.File.Exists(path)) throw new InvalidDataException($"{File}: not found in {folder}");
        CommandFile file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
                .Deserialize<CommandFile>(System.IO.File.ReadAllText(path)) ?? throw new InvalidDataException($"{File}: the file is empty");
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidDataException($"{File}: malformed at line {ex.Start.Line}: {(ex.InnerException ?? ex).Message}");
        }
        var commands = new List<CommandDefinition>();
        foreach (var c in file.Commands)
        {
            if (string.IsNullOrWhiteSpace(c.Id)) throw new InvalidDataException($"{File}: a command has no id");
            if (commands.Any(x => x.Id == c.Id)) throw new InvalidDataException($"{File}: command '{c.Id}' is defined twice");
            commands.Add(new CommandDefinition(c.Id, Words(c.Words, $"command '{c.Id}'"), Parse(c.Argument, c.Id), c.Interrupts));
        }
        var controls = new Dictionary<FlowControl, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        foreach (var control in Enum.GetValues<FlowControl>())
        {
            var key = control.ToString().ToLowerInvariant();
            if (!file.FlowControls.TryGetValue(key, out var words)) throw new InvalidDataException($"{File}: flowControls has no '{key}'");
            controls[control] = Words(words, $"flow control '{key}'");
        }
        return new CommandTable(commands, controls);
    }

    private static Dictionary<string, IReadOnlyList<string>> Words(Dictionary<string, List<string>>? words, string what)
    {
        foreach (var language in BotTexts.Languages)
            if (words?.GetValueOrDefault(language) is not { Count: > 0 })
                throw new InvalidDataException($"{File}: {what} has no words in '{language}' (every command needs {string.Join(", ", BotTexts.Languages)})");
        return words!.ToDictionary(w => w.Key, w => (IReadOnlyList<string>)w.Value.Select(x => x.Trim()).ToList());
    }

    private static CommandArgument Parse(string? argument, string id) => argument switch
    {
        null or "none" => CommandArgument.None,
        "required" => CommandArgument.Required,
        "optional" => CommandArgument.Optional,
        _ => throw new InvalidDataException($"{File}: command '{id}': argument '{argument}' is not one of none, required, optional"),
    };

    private sealed class CommandFile
    {
        public List<CommandEntry> Commands { get; set; } = [];
        public Dictionary<string, Dictionary<string, List<string>>> FlowControls { get; set; } = [];
    }

    private sealed class CommandEntry
    {
        public string Id { get; set; } = "";
        public string? Argument { get; set; }
        public bool Interrupts { get; set; } = true;
        public Dictionary<string, List<string>>? Words { get; set; }
    }
}
