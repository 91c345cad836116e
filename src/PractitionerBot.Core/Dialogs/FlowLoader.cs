using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using PractitionerBot.Yaml;
using YamlDotNet.RepresentationModel;

namespace PractitionerBot.Dialogs;

/// <summary>
/// Loads every flow in <c>dialogs/</c>, checks it against <c>dialogs/flow.schema.json</c> and then
/// for what a schema cannot see (step ids, targets, actions). Problems name the file and the step.
/// </summary>
public static class FlowLoader
{
    public const string SchemaFile = "flow.schema.json";

    /// <summary>
    /// Parsed schemas by their text: JsonSchema.Net registers a schema's $id process-wide and refuses
    /// to register it twice, which several hosts in one process (tests) would otherwise do.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();

    /// <summary>Files in the folder that are not flows.</summary>
    private static readonly string[] NotFlows = ["texts.yaml", CommandTable.File];

    public static IReadOnlyDictionary<string, FlowDefinition> LoadAll(string folder, IReadOnlySet<string> actions)
    {
        var schemaPath = Path.Combine(folder, SchemaFile);
        if (!File.Exists(schemaPath)) throw new InvalidDataException($"Flow schema not found: {schemaPath}");
        // Lazy: GetOrAdd may run a factory twice under contention, and a second registration throws.
        var schema = Schemas.GetOrAdd(File.ReadAllText(schemaPath), text => new Lazy<JsonSchema>(() => JsonSchema.FromText(text))).Value;
        var flows = new Dictionary<string, FlowDefinition>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Concat(Directory.EnumerateFiles(folder, "*.yml")).Order(StringComparer.Ordinal))
        {
            if (NotFlows.Contains(Path.GetFileName(file))) continue;
            var flow = Load(file, schema, actions);
            if (flows.TryGetValue(flow.Id, out var other))
                throw new InvalidDataException($"{Path.GetFileName(file)}: flow id '{flow.Id}' is already used by {Path.GetFileName(other.File)}");
            flows[flow.Id] = flow;
        }
        return flows;
    }

    public static FlowDefinition Load(string file, JsonSchema schema, IReadOnlySet<string> actions)
    {
        var name = Path.GetFileName(file);
        JsonNode? json;
        try
        {
            var yaml = new YamlStream();
            using var reader = new StringReader(File.ReadAllText(file));
            yaml.Load(reader);
            if (yaml.Documents.Count == 0) throw new InvalidDataException($"{name}: the file is empty");
            json = YamlJson.ToJson(yaml.Documents[0].RootNode);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{name}: malformed YAML at line {ex.Start.Line}, column {ex.Start.Column}: {(ex.InnerException ?? ex).Message}");
        }
        catch (YamlJsonException ex)
        {
            throw new InvalidDataException($"{name}: line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}");
        }

        using var document = System.Text.Json.JsonDocument.Parse(json?.ToJsonString() ?? "null");
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .Select(d => $"{Where(json, d.InstanceLocation.ToString())}: {string.Join("; ", d.Errors!.Values)}")
                .Distinct()
                .Take(10)
                .ToList();
            throw new InvalidDataException($"{name}: does not match {SchemaFile}: {string.Join(" | ", errors.DefaultIfEmpty("invalid"))}");
        }
        return Check(Build(json!.AsObject(), file), actions);
    }

    /// <summary>"step 'role'" for a location inside a step, else the JSON pointer.</summary>
    private static string Where(JsonNode? root, string pointer)
    {
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 2 && parts[0] == "steps" && int.TryParse(parts[1], out var i)
            && root?["steps"]?[i]?["id"] is JsonValue id && id.TryGetValue(out string? stepId))
            return $"step '{stepId}'" + (parts.Length > 2 ? $" ({string.Join('/', parts[2..])})" : "");
        return pointer.Length == 0 ? "the flow" : pointer;
    }

    private static FlowDefinition Check(FlowDefinition flow, IReadOnlySet<string> actions)
    {
        var name = Path.GetFileName(flow.File);
        if (!flow.Steps.ContainsKey(flow.Start)) throw new InvalidDataException($"{name}: 'start' names step '{flow.Start}', which does not exist");
        foreach (var step in flow.Steps.Values)
        {
            foreach (var (field, target) in Targets(step))
                if (!flow.Steps.ContainsKey(target))
                    throw new InvalidDataException($"{name}: step '{step.Id}': '{field}' names step '{target}', which does not exist");
            if (step.Action is { } action && !actions.Contains(action))
                throw new InvalidDataException($"{name}: step '{step.Id}': unknown action '{action}' (known: {string.Join(", ", actions.Order())})");
            if (step.Choices is { } choices && choices.GroupBy(c => c.Value).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
                throw new InvalidDataException($"{name}: step '{step.Id}': choice '{duplicate.Key}' appears twice");
        }
        return flow;
    }

    private static IEnumerable<(string Field, string Target)> Targets(FlowStep step)
    {
        if (step.Next is { } next) yield return ("next", next);
        if (step.Yes is { } yes) yield return ("yes", yes);
        if (step.No is { } no) yield return ("no", no);
        if (step.Default is { } d) yield return ("default", d);
        foreach (var (value, target) in step.Cases ?? new Dictionary<string, string>()) yield return ($"cases.{value}", target);
    }

    private static FlowDefinition Build(JsonObject root, string file)
    {
        var steps = new Dictionary<string, FlowStep>(StringComparer.Ordinal);
        foreach (var node in root["steps"]!.AsArray())
        {
            var s = node!.AsObject();
            var id = s["id"]!.GetValue<string>();
            if (steps.ContainsKey(id)) throw new InvalidDataException($"{Path.GetFileName(file)}: step '{id}' is defined twice");
            steps[id] = new FlowStep(
                id,
                s["type"]!.GetValue<string>(),
                Loc(s["text"]),
                Loc(s["prompt"]),
                Str(s["store"]), Str(s["next"]), Str(s["yes"]), Str(s["no"]), Str(s["on"]),
                s["cases"]?.AsObject().ToDictionary(c => c.Key, c => c.Value!.GetValue<string>()),
                Str(s["default"]), Str(s["action"]),
                s["choices"]?.AsArray().Select(c => new FlowChoice(
                    c!["value"]!.GetValue<string>(),
                    Loc(c["title"])!,
                    c["synonyms"]?.AsArray().Select(x => x!.GetValue<string>()).ToList() ?? [])).ToList(),
                Str(s["choicesFrom"]),
                s["maxLength"] is JsonValue max ? (int)max.GetValue<long>() : null, // the schema keeps it within 1 to 4000
                s["skippable"] is not JsonValue skippable || skippable.GetValue<bool>(),
                Str(s["format"]))
            {
                Accepts = Str(s["accepts"]) == "statement" ? AnswerShape.Statement : AnswerShape.Any,
                YesLabel = Loc(s["yesLabel"]),
                NoLabel = Loc(s["noLabel"]),
            };
        }
        return new FlowDefinition(root["id"]!.GetValue<string>(), root["start"]!.GetValue<string>(), steps, file, Str(root["role"]), Loc(root["refusal"]),
            Loc(root["title"]), Str(root["kind"]) == "aside" ? FlowKind.Aside : FlowKind.Task);
    }

    private static string? Str(JsonNode? node) => node?.GetValue<string>();

    private static Localized? Loc(JsonNode? node) =>
        node is JsonObject o ? new Localized(o.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>())) : null;
}
