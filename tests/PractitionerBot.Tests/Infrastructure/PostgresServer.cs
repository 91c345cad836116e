using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PractitionerBot.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests may use: named by PRACTITIONERBOT_TEST_POSTGRES (a connection string to a server where
/// the user may create databases; <c>.ci/run</c> starts a private one). Each test gets a fresh database of its own.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "PRACTITIONERBOT_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string? SkipReason => ConnectionString is null
        ? $"PostgreSQL tests need {Variable} (a connection string, e.g. Host=127.0.0.1;Port=5432;Username=postgres); .ci/run starts a server"
        : null;

    /// <summary>A new, empty database, dropped when disposed.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = "pbtest_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new TestDatabase(name, new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString);
    }
}

public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE);", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>A test that needs PostgreSQL: skipped, with the reason, when no server is named.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresServer.SkipReason;
}

/// <summary>Marks a test class whose tests (including inherited <see cref="StorageFactAttribute"/> tests) need PostgreSQL.</summary>
public interface INeedsPostgres;

/// <summary>
/// A test of the shared storage suite: it runs in every class that inherits it, and is skipped with the reason in
/// classes that need PostgreSQL when no server is named.
/// </summary>
[XunitTestCaseDiscoverer("PractitionerBot.Tests.Infrastructure.StorageFactDiscoverer", "PractitionerBot.Tests")]
public sealed class StorageFactAttribute : FactAttribute;

public sealed class StorageFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    private readonly IMessageSink _sink = sink;

    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        typeof(INeedsPostgres).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType())
            ? new PostgresTestCase(_sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)
            : base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
}

public sealed class PostgresTestCase : XunitTestCase
{
    [Obsolete("For deserialization only")]
    public PostgresTestCase() { }

    public PostgresTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod method)
        : base(sink, display, displayOptions, method) { }

    protected override string? GetSkipReason(IAttributeInfo factAttribute) => PostgresServer.SkipReason ?? base.GetSkipReason(factAttribute);
}
