using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PractitionerBot.WorkingGroups;

public interface IWorkingGroupDirectory
{
    IReadOnlyList<WorkingGroup> All { get; }

    WorkingGroup? Find(string id);
}

/// <summary>The ten working groups, loaded once; an invalid file stops start-up with the reason.</summary>
public sealed class WorkingGroupDirectory : IWorkingGroupDirectory
{
    private readonly Dictionary<string, WorkingGroup> _byId;

    public WorkingGroupDirectory(IReadOnlyList<WorkingGroup> groups)
    {
        All = groups;
        _byId = groups.ToDictionary(g => g.Id, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<WorkingGroup> All { get; }

    public IReadOnlySet<string> Ids => _byId.Keys.ToHashSet(StringComparer.Ordinal);

    public WorkingGroup? Find(string id) => _byId.GetValueOrDefault(id.Trim());

    public static WorkingGroupDirectory Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"Working-group profiles not found: {path}");
        ProfilesFile file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
                .Deserialize<ProfilesFile>(File.ReadAllText(path)) ?? new ProfilesFile();
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidDataException($"{path}: invalid YAML at line {ex.Start.Line}: {ex.Message}");
        }
        var groups = new List<WorkingGroup>();
        var problems = new List<string>();
        foreach (var (g, i) in file.WorkingGroups.Select((g, i) => (g, i)))
        {
            if (string.IsNullOrWhiteSpace(g.Id) || string.IsNullOrWhiteSpace(g.Name))
            {
                problems.Add($"entry {i + 1} needs an id and a name");
                continue;
            }
            if (groups.Any(x => x.Id == g.Id)) problems.Add($"id '{g.Id}' appears twice");
            groups.Add(new WorkingGroup(g.Id, g.Name, g.ShortName ?? g.Name, g.Covers ?? "", g.Description ?? "",
                g.Members ?? [], g.TypicalQuestions ?? [], g.Keywords ?? [], g.Phrases ?? [],
                g.Names ?? new Dictionary<string, string> { ["en"] = g.Name }));
        }
        if (groups.Count == 0) problems.Add("no working groups defined");
        if (problems.Count > 0) throw new InvalidDataException($"{path}: {string.Join("; ", problems)}");
        return new WorkingGroupDirectory(groups);
    }

    private sealed class ProfilesFile
    {
        public List<Entry> WorkingGroups { get; set; } = [];
    }

    private sealed class Entry
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? ShortName { get; set; }
        public string? Covers { get; set; }
        public string? Description { get; set; }
        public List<string>? Members { get; set; }
        public List<string>? TypicalQuestions { get; set; }
        public List<string>? Keywords { get; set; }
        public List<string>? Phrases { get; set; }
        public Dictionary<string, string>? Names { get; set; }
    }
}
