using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Hosting;

/// <summary>Traces of a turn and the metrics endpoint's switch.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Question_IsTracedAsATurnWithItsSearchAndReplies()
    {
        var spans = new List<Activity>();
        await using var connector = await MockBotConnector.StartAsync();
        await using var host = await BotHost.StartAsync(configure: b => b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        var conversation = BotFixture.NewConversation();

        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "How do I set up a local network against radicalisation?"));
        await connector.MessageAsync(conversation);

        // Other tests' hosts in this process trace through the same source, so every finished turn with a search is checked.
        List<Activity> ours;
        lock (spans) ours = spans.Where(s => s.Source.Name == "PractitionerBot").ToList();
        var turns = ours.Where(t => t.OperationName == "turn" && ours.Any(s => s.OperationName == "search" && s.ParentSpanId == t.SpanId)).ToList();
        Assert.NotEmpty(turns);
        Assert.All(turns, turn =>
        {
            var search = Assert.Single(ours, s => s.OperationName == "search" && s.ParentSpanId == turn.SpanId);
            Assert.Equal(turn.TraceId, search.TraceId);
            Assert.True(ours.Count(s => s.OperationName == "reply" && s.ParentSpanId == turn.SpanId) >= 2, "typing and the answer");
            Assert.NotEqual(default, turn.ParentSpanId); // under the ASP.NET Core request span
        });
    }

    [Fact]
    public async Task OtlpEndpoint_SendsTracesAndMetricsThere()
    {
        var received = new List<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", (string signal) =>
        {
            lock (received) received.Add(signal);
            return Results.Ok();
        });
        await collector.StartAsync();
        var endpoint = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using var connector = await MockBotConnector.StartAsync();
        var host = await BotHost.StartAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint, ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        var conversation = BotFixture.NewConversation();
        await host.PostActivityAsync(Activities.TeamsMessage(connector.ServiceUrl, conversation, "Which risk assessment tools exist for returnees?"));
        await connector.MessageAsync(conversation);

        await host.DisposeAsync(); // stopping flushes what is left to export
        lock (received)
        {
            Assert.Contains("traces", received);
            Assert.Contains("metrics", received);
        }
    }

    [Fact]
    public async Task Metrics_AreNotServedUnlessPrometheusIsOn()
    {
        await using var host = await BotHost.StartAsync(waitForKnowledge: false);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/metrics")).StatusCode);
    }
}
