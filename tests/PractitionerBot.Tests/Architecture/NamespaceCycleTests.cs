using System.Reflection;
using System.Reflection.Emit;
using PractitionerBot.Storage;

namespace PractitionerBot.Tests.Architecture;

/// <summary>
/// Core's namespaces form layers: shared primitives at the bottom, features on them, Chat on top. Read from the compiled
/// assembly, so nothing escapes a text search: base types, interfaces, fields, properties, method signatures, local
/// variables, generic arguments, attributes and every type or member a method body names (lambdas and async state machines
/// count for the type that declares them). Constants are inlined by the compiler and leave no trace; the rest does.
/// </summary>
public sealed class NamespaceCycleTests
{
    private static readonly Assembly Core = typeof(Database).Assembly;

    [Fact]
    public void CoreNamespaces_HaveNoCycle()
    {
        var edges = Edges();
        var cycles = StronglyConnected(edges).Where(c => c.Count > 1)
            .Select(c => string.Join(", ", c.Order(StringComparer.Ordinal)) + ":\n  " + string.Join("\n  ",
                from a in c from b in c where edges[a].ContainsKey(b) select $"{a} -> {b} ({string.Join(", ", edges[a][b].Order(StringComparer.Ordinal).Take(4))})"))
            .ToList();
        Assert.True(cycles.Count == 0, "Namespaces that reach each other in a circle:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Edges_SeeWhatOnlyAMethodBodyOrALambdaNames()
    {
        var edges = Edges(typeof(CycleSample.Lower.Thing).Assembly, "PractitionerBot.Tests.Architecture.CycleSample");
        Assert.Contains("PractitionerBot.Tests.Architecture.CycleSample.Lower", edges["PractitionerBot.Tests.Architecture.CycleSample.Upper"].Keys);
        Assert.Contains("PractitionerBot.Tests.Architecture.CycleSample.Upper", edges["PractitionerBot.Tests.Architecture.CycleSample.Lower"].Keys);
        Assert.Contains(StronglyConnected(edges), c => c.Count == 2);
    }

    /// <summary>For each namespace, the namespaces it uses, with the types that make each edge.</summary>
    internal static Dictionary<string, Dictionary<string, HashSet<string>>> Edges(Assembly? assembly = null, string prefix = "PractitionerBot")
    {
        var core = assembly ?? Core;
        var edges = new Dictionary<string, Dictionary<string, HashSet<string>>>(StringComparer.Ordinal);
        foreach (var type in core.GetTypes())
        {
            var from = Outer(type).Namespace;
            if (from is null || !from.StartsWith(prefix, StringComparison.Ordinal)) continue;
            if (!edges.ContainsKey(from)) edges[from] = new(StringComparer.Ordinal);
            foreach (var used in Referenced(type))
            {
                foreach (var t in Flatten(used))
                {
                    if (t.Assembly != core) continue;
                    var to = Outer(t).Namespace;
                    if (to is null || to == from || !to.StartsWith(prefix, StringComparison.Ordinal)) continue;
                    if (!edges[from].TryGetValue(to, out var why)) edges[from][to] = why = new(StringComparer.Ordinal);
                    why.Add($"{Outer(type).Name} uses {Outer(t).Name}");
                }
            }
        }
        return edges;
    }

    private static Type Outer(Type t)
    {
        while (t.DeclaringType is { } d) t = d;
        return t;
    }

    private static IEnumerable<Type> Flatten(Type t)
    {
        if (t.HasElementType) return Flatten(t.GetElementType()!);
        if (t.IsGenericParameter) return [];
        if (t.IsGenericType && !t.IsGenericTypeDefinition)
            return new[] { t.GetGenericTypeDefinition() }.Concat(t.GetGenericArguments().SelectMany(Flatten));
        return [t];
    }

    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> Referenced(Type type)
    {
        if (type.BaseType is { } b) yield return b;
        foreach (var i in type.GetInterfaces()) yield return i;
        foreach (var a in type.GetCustomAttributesData()) yield return a.AttributeType;
        foreach (var f in type.GetFields(All)) yield return f.FieldType;
        foreach (var p in type.GetProperties(All)) yield return p.PropertyType;
        foreach (var e in type.GetEvents(All)) if (e.EventHandlerType is { } h) yield return h;
        foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (m is MethodInfo mi) yield return mi.ReturnType;
            foreach (var p in m.GetParameters()) yield return p.ParameterType;
            foreach (var a in m.GetCustomAttributesData()) yield return a.AttributeType;
            foreach (var t in BodyTypes(m)) yield return t;
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The locals of a method and every type, field or method its IL names.</summary>
    private static IEnumerable<Type> BodyTypes(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null) yield break;
        foreach (var local in body.LocalVariables) yield return local.LocalType;
        var il = body.GetILAsByteArray() ?? [];
        var module = method.Module;
        var typeArgs = method.DeclaringType is { IsGenericType: true } dt ? dt.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            OpCode op;
            if (il[i] == 0xFE) { op = OpCodesByValue[unchecked((short)(0xFE00 | il[i + 1]))]; i += 2; }
            else { op = OpCodesByValue[il[i]]; i += 1; }
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineType or OperandType.InlineTok or OperandType.InlineField or OperandType.InlineMethod:
                    var token = BitConverter.ToInt32(il, i);
                    i += 4;
                    MemberInfo? member = null;
                    try { member = module.ResolveMember(token, typeArgs, methodArgs); }
                    catch (ArgumentException) { }
                    switch (member)
                    {
                        case Type t: yield return t; break;
                        case FieldInfo f: yield return f.DeclaringType!; yield return f.FieldType; break;
                        case MethodBase m:
                            yield return m.DeclaringType!;
                            if (m is MethodInfo { IsGenericMethod: true } g) foreach (var a in g.GetGenericArguments()) yield return a;
                            break;
                    }
                    break;
                default: i += 4; break;
            }
        }
    }

    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, HashSet<string>>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.TryGetValue(v, out var to) ? to.Keys.ToList() : [])
            {
                if (!index.TryGetValue(w, out var wIndex)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], wIndex);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            result.Add(component);
        }
        foreach (var v in edges.Keys.ToList()) if (!index.ContainsKey(v)) Visit(v);
        return result;
    }
}
