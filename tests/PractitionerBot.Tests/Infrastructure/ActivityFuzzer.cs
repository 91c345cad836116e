using System.Text;
using System.Text.Json.Nodes;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>
/// Generates broken and odd activities from a seed. Each case carries its raw body and a description of
/// its shape (template and mutations with their paths, never the generated contents), to print when it misbehaves.
/// </summary>
public sealed class ActivityFuzzer(int seed, string serviceUrl)
{
    public sealed record Case(int Index, string Shape, byte[] Body);

    // Every card action and verb the bot knows: the card actions (Chat/CardActions), InvokeRouter, dialog steps (MemberCards).
    private static readonly string[] SubmitActions =
        ["feedback", "follow", "unfollow", "groups", "askPeers", "postPeerQuestion", "resolvePeerQuestion", "onboard", "forgetMe", "forgetMeConfirmed", "forgetMeCancelled", "noSuchAction"];
    private static readonly string[] DataKeys =
        ["helpful", "documentId", "passageId", "question", "group", "anonymous", "questionId", "answer", "announcementId", "dialog", "step", "skip"];
    private static readonly string[] Verbs = ["peerAnswer", "interested", "noSuchVerb", ""];
    private static readonly string[] InvokeNames =
        ["task/fetch", "task/submit", "composeExtension/query", "composeExtension/submitAction", "signin/verifyState", "signin/tokenExchange",
         "fileConsent/invoke", "actionableMessage/executeAction", "healthCheck", "config/fetch", "tab/fetch", "message/submitAction", "no/such-invoke", ""];
    private static readonly string[] OtherTypes =
        ["messageReaction", "event", "typing", "endOfConversation", "messageUpdate", "messageDelete", "contactRelationUpdate", "deleteUserData",
         "handoff", "trace", "suggestion", "command", "commandResult", "someFutureType", "MESSAGE", "invoke "];
    private static readonly string[] Texts =
        ["help", "groups", "my groups", "follow local", "unfollow exit", "follow nosuchgroup", "link", "link local", "unlink", "profile", "onboard",
         "announce", "forget me", "yes", "no", "cancel", "which group is for me", "recommend a group for prison chaplains",
         "How do I set up a local network against radicalisation?", "exit programmes for returnees", ""];
    private static readonly string[] EventTypes =
        ["teamMemberAdded", "teamMemberRemoved", "teamRenamed", "teamDeleted", "channelCreated", "channelRenamed", "channelDeleted", "channelRestored", "teamArchived", "noSuchEvent"];
    private static readonly string[] ConversationTypes = ["personal", "channel", "groupChat", "", "somethingElse"];
    private static readonly string[] Paths =
        ["type", "id", "channelId", "serviceUrl", "from", "from.id", "from.name", "from.aadObjectId", "conversation", "conversation.id", "conversation.conversationType",
         "conversation.tenantId", "conversation.isGroup", "recipient", "recipient.id", "text", "locale", "value", "value.action", "value.action.verb", "value.action.data",
         "name", "action", "membersAdded", "membersRemoved", "entities", "channelData", "channelData.tenant", "channelData.team", "channelData.eventType",
         "channelData.channel", "attachments", "replyToId", "timestamp", "textFormat", "localTimestamp", "reactionsAdded", "relatesTo", "topicName"];

    private readonly Random _random = new(seed);
    private readonly List<(string Marker, byte[] Raw)> _raw = [];

    public IEnumerable<Case> Cases(int count)
    {
        for (var i = 0; i < count; i++) yield return Next(i);
    }

    private Case Next(int index)
    {
        _raw.Clear();
        var shape = new List<string>();
        var activity = Template(index, shape);
        var mutations = _random.Next(100) < 25 ? 0 : _random.Next(1, 4);
        for (var m = 0; m < mutations; m++) shape.Add(Mutate(activity));
        var body = Encoding.UTF8.GetBytes(activity.ToJsonString());
        foreach (var (marker, raw) in _raw) body = Replace(body, Encoding.UTF8.GetBytes($"\"{marker}\""), raw);
        if (_random.Next(100) < 4) body = BreakBody(body, shape);
        return new Case(index, string.Join("; ", shape), body);
    }

    private JsonObject Template(int index, List<string> shape)
    {
        var conversation = $"a:fuzz-{seed}-{index}";
        var activity = Activities.TeamsMessage(serviceUrl, conversation, Pick(Texts));
        activity["from"]!["id"] = $"29:fuzz-{index % 50}";
        activity["conversation"]!["conversationType"] = Pick(ConversationTypes);
        switch (_random.Next(8))
        {
            case 0:
                shape.Add("message/text");
                break;
            case 1:
            {
                var action = Pick(SubmitActions);
                shape.Add($"message/value:{action}");
                activity["value"] = GarbageData(new JsonObject { ["action"] = action });
                break;
            }
            case 2:
                shape.Add("message/value:dialog");
                activity["value"] = GarbageData(new JsonObject { ["dialog"] = Pick(new[] { "onboarding", "announce", "nosuchflow" }), ["step"] = Pick(new[] { "role", "country", "topics", "privacy", "nosuchstep" }) });
                break;
            case 3:
            {
                var verb = Pick(Verbs);
                shape.Add($"invoke/adaptiveCard/action:{verb}");
                activity = Activities.Execute(serviceUrl, conversation, verb, GarbageData([]), userId: $"29:fuzz-{index % 50}");
                break;
            }
            case 4:
            {
                var name = Pick(InvokeNames);
                shape.Add($"invoke/{name}");
                activity["type"] = "invoke";
                activity["name"] = name;
                activity["value"] = GarbageData([]);
                break;
            }
            case 5:
            {
                var added = _random.Next(2) == 0;
                var eventType = Pick(EventTypes);
                shape.Add($"conversationUpdate/{(added ? "membersAdded" : "membersRemoved")}/{eventType}");
                activity.Remove("text");
                activity["type"] = "conversationUpdate";
                var members = new JsonArray();
                for (var i = _random.Next(4); i > 0; i--) members.Add(new JsonObject { ["id"] = $"29:member-{_random.Next(1000)}", ["name"] = "Member" });
                if (_random.Next(3) == 0) members.Add(new JsonObject { ["id"] = "28:bot", ["name"] = "PractitionerBot" });
                activity[added ? "membersAdded" : "membersRemoved"] = members;
                activity["channelData"] = new JsonObject
                {
                    ["eventType"] = eventType,
                    ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
                    ["team"] = new JsonObject { ["id"] = Activities.TeamId, ["name"] = "Team" },
                    ["channel"] = new JsonObject { ["id"] = "19:channel@thread.tacv2", ["name"] = "General" },
                };
                break;
            }
            case 6:
            {
                var action = Pick(new[] { "add", "remove", "add-upgrade", "remove-upgrade", "", "nonsense" });
                shape.Add($"installationUpdate/{action}");
                activity.Remove("text");
                activity["type"] = "installationUpdate";
                activity["action"] = action;
                break;
            }
            default:
            {
                var type = Pick(OtherTypes);
                shape.Add($"other/{type}");
                activity["type"] = type;
                activity["value"] = GarbageData([]);
                activity["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "like" });
                break;
            }
        }
        return activity;
    }

    /// <summary>Data for a card action: some of the fields the bot reads, with values of any type.</summary>
    private JsonObject GarbageData(JsonObject data)
    {
        for (var i = _random.Next(5); i > 0; i--) data[Pick(DataKeys)] = AnyValue();
        return data;
    }

    private string Mutate(JsonObject activity)
    {
        var slots = Slots(activity, "").ToList();
        var known = slots.Where(s => Paths.Contains(s.Path)).ToList();
        var (parent, key, path) = _random.Next(2) == 0 && known.Count > 0 ? Pick(known) : Pick(slots);
        switch (_random.Next(6))
        {
            case 0:
                Remove(parent, key);
                return $"remove({path})";
            case 1:
                Set(parent, key, WrongType(out var kind));
                return $"{kind}({path})";
            case 2:
                Set(parent, key, WeirdString(out var weird));
                return $"{weird}({path})";
            case 3:
                Set(parent, key, Raw(Nested(_random.Next(2) == 0 ? _random.Next(20, 70) : _random.Next(70, 400))));
                return $"nested({path})";
            case 4:
                var field = Pick(Paths).Split('.')[^1];
                (parent as JsonObject ?? activity)[field] = AnyValue();
                return $"set({field}@{path})";
            default:
                Set(parent, key, new string(Pick(new[] { 'x', 'é', '字', ' ' }), _random.Next(2) == 0 ? _random.Next(1000, 5000) : _random.Next(40_000, 120_000)));
                return $"huge({path})";
        }
    }

    private JsonNode? AnyValue() => _random.Next(8) switch
    {
        0 => true,
        1 => _random.Next(2) == 0 ? 0 : -1e300,
        2 => new JsonArray(1, "two", null, new JsonObject()),
        3 => new JsonObject { ["nested"] = new JsonObject { ["action"] = "feedback" } },
        4 => null,
        5 => WeirdString(out _),
        6 => Pick(new[] { "local", "exit", "p-and-p", "true", "yes", "onboarding", "role" }),
        _ => Raw(Nested(_random.Next(5, 100))),
    };

    private JsonNode? WrongType(out string kind)
    {
        var choice = _random.Next(7);
        kind = choice switch { 0 => "number", 1 => "bool", 2 => "array", 3 => "object", 4 => "null", 5 => "empty", _ => "float" };
        return choice switch
        {
            0 => _random.Next(2) == 0 ? 42 : long.MaxValue,
            1 => false,
            2 => new JsonArray("a", 1, new JsonArray()),
            3 => new JsonObject { ["id"] = new JsonObject(), ["x"] = 1 },
            4 => null,
            5 => "",
            _ => Raw("1.7976931348623157e309"),
        };
    }

    private JsonNode WeirdString(out string kind)
    {
        switch (_random.Next(9))
        {
            case 0: kind = "lone-high-surrogate"; return Raw("\"a\\ud800b\"");
            case 1: kind = "lone-low-surrogate"; return Raw("\"\\udfff\"");
            case 2: kind = "reversed-surrogates"; return Raw("\"x\\udc00\\ud800\"");
            case 3: kind = "invalid-utf8"; return RawBytes([(byte)'"', 0xFF, 0xFE, (byte)'a', 0xC0, 0x80, (byte)'"']);
            case 4: kind = "truncated-utf8"; return RawBytes([(byte)'"', (byte)'b', 0xE2, 0x82, (byte)'"']);
            case 5: kind = "nul-and-controls"; return Raw("\"a\\u0000b\\u0007\\u001b[31m\"");
            case 6: kind = "bidi-zero-width"; return "\u202Egnp.exe\u200B\u200D\uFEFF";
            case 7: kind = "url-like"; return Pick(new[] { "javascript:alert(1)", "file:///etc/passwd", "http://", "//evil", "../../x", "a/b?c#d", "%00%ff" });
            default: kind = "lucene-syntax"; return "title:* AND (\"x OR y~2^3 [a TO z] \\";
        }
    }

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":[", depth)) + "1" + string.Concat(Enumerable.Repeat("]}", depth));

    /// <summary>A placeholder replaced by raw JSON after serialisation: lone surrogates and deep nesting cannot go through JsonNode.</summary>
    private JsonNode Raw(string json) => RawBytes(Encoding.UTF8.GetBytes(json));

    private JsonNode RawBytes(byte[] raw)
    {
        var marker = $"@@raw{_raw.Count}@@";
        _raw.Add((marker, raw));
        return marker;
    }

    private byte[] BreakBody(byte[] body, List<string> shape)
    {
        switch (_random.Next(6))
        {
            case 0: shape.Add("body:truncated"); return body[.._random.Next(body.Length)];
            case 1: shape.Add("body:bom"); return [0xEF, 0xBB, 0xBF, .. body];
            case 2: shape.Add("body:trailing-garbage"); return [.. body, .. "}{]"u8];
            case 3: shape.Add("body:empty"); return [];
            case 4: shape.Add("body:null"); return "null"u8.ToArray();
            default: shape.Add("body:array"); return [(byte)'[', .. body, (byte)']'];
        }
    }

    private static IEnumerable<(JsonNode Parent, object Key, string Path)> Slots(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    yield return (o, key, childPath);
                    if (child is not null) foreach (var slot in Slots(child, childPath)) yield return slot;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, i, $"{path}[{i}]");
                    if (a[i] is { } child) foreach (var slot in Slots(child, $"{path}[{i}]")) yield return slot;
                }
                break;
        }
    }

    private static void Remove(JsonNode parent, object key)
    {
        if (parent is JsonObject o) o.Remove((string)key);
        else ((JsonArray)parent).RemoveAt((int)key);
    }

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject o) o[(string)key] = value;
        else ((JsonArray)parent)[(int)key] = value;
    }

    private static byte[] Replace(byte[] body, byte[] find, byte[] with)
    {
        var at = body.AsSpan().IndexOf(find);
        return at < 0 ? body : [.. body.AsSpan(0, at), .. with, .. body.AsSpan(at + find.Length)];
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
