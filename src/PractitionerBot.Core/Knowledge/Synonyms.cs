using System.Text.RegularExpressions;

namespace PractitionerBot.Knowledge;

/// <summary>
/// Everyday words practitioners type for the terms the papers use ("cop" for police, "mum" for
/// parent). The question is expanded before analysis; the papers are indexed as written.
/// </summary>
internal static partial class Synonyms
{
    private static readonly Dictionary<string, string> Map = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cop"] = "police officer", ["cops"] = "police", ["copper"] = "police", ["bobby"] = "police",
        ["mum"] = "mother parent", ["mom"] = "mother parent", ["dad"] = "father parent", ["parents"] = "family",
        ["kid"] = "child", ["kids"] = "children young people", ["teen"] = "young person", ["teens"] = "young people",
        ["teenager"] = "young person adolescent", ["teenagers"] = "young people adolescents",
        ["jail"] = "prison", ["inmate"] = "prisoner", ["inmates"] = "prisoners", ["con"] = "prisoner",
        ["gp"] = "doctor health", ["shrink"] = "psychiatrist", ["doc"] = "doctor",
        ["council"] = "municipality local authority", ["mayor"] = "municipality political",
        ["uni"] = "university", ["campus"] = "university higher education", ["lesson"] = "class teacher",
        ["jihadist"] = "islamist extremist", ["jihadi"] = "islamist extremist", ["nazi"] = "far-right",
        ["neo-nazi"] = "far-right right-wing", ["incel"] = "misogynist extremism online",
        ["deradicalise"] = "deradicalisation exit", ["deradicalize"] = "deradicalisation exit",
        ["radicalize"] = "radicalise", ["radicalized"] = "radicalised", ["radicalization"] = "radicalisation",
        ["organization"] = "organisation", ["organizations"] = "organisations", ["program"] = "programme",
        ["programs"] = "programmes", ["behavior"] = "behaviour", ["counseling"] = "counselling",
        ["grant"] = "funding call", ["grants"] = "funding calls", ["money"] = "funding", ["subsidy"] = "funding",
        ["demo"] = "protest demonstration", ["rally"] = "protest demonstration",
        ["ex-extremist"] = "former", ["ex-extremists"] = "formers", ["dropout"] = "drop-out early school leaver",
    };

    public static string Expand(string question)
    {
        List<string>? extra = null;
        foreach (Match word in Word().Matches(question))
            if (Map.TryGetValue(word.Value, out var synonyms)) (extra ??= []).Add(synonyms);
        return extra is null ? question : question + " " + string.Join(' ', extra);
    }

    [GeneratedRegex(@"[\p{L}][\p{L}\-]*")]
    private static partial Regex Word();
}
