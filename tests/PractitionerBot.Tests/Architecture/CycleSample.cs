// Two namespaces that reach each other only inside method bodies: a lambda and a typeof, which no signature shows.
namespace PractitionerBot.Tests.Architecture.CycleSample.Lower
{
    internal static class Thing
    {
        public static Func<int> Later() => () => Upper.Other.Count();
    }
}

namespace PractitionerBot.Tests.Architecture.CycleSample.Upper
{
    internal static class Other
    {
        public static int Count() => typeof(Lower.Thing).Name.Length;
    }
}
