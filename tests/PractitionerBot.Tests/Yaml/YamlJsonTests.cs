using System.Text.Json.Nodes;
using PractitionerBot.Yaml;
using YamlDotNet.RepresentationModel;

namespace PractitionerBot.Tests.Yaml;

/// <summary>The one YAML-to-JSON converter, used by the dialog flows and the CLI's announcement files.</summary>
public sealed class YamlJsonTests
{
    [Fact]
    public void Scalars_AreTypedAsTheYaml12CoreSchemaReadsThem()
    {
        var json = Convert("""
            small: 42
            big: 9000000000
            negative: -7
            fraction: 1.5
            exponent: 2e3
            lower: true
            capital: False
            upper: TRUE
            nothing: ~
            empty:
            word: Null
            quoted: "true"
            single: '12'
            tagged: !!str 12
            block: |
              34
            date: 2026-05-01
            version: 1.2.3
            """);

        Assert.Equal(42L, json["small"]!.GetValue<long>());
        Assert.Equal(9_000_000_000L, json["big"]!.GetValue<long>());
        Assert.Equal(-7L, json["negative"]!.GetValue<long>());
        Assert.Equal(1.5, json["fraction"]!.GetValue<double>());
        Assert.Equal(2000.0, json["exponent"]!.GetValue<double>());
        Assert.True(json["lower"]!.GetValue<bool>());
        Assert.False(json["capital"]!.GetValue<bool>());
        Assert.True(json["upper"]!.GetValue<bool>());
        Assert.Null(json["nothing"]);
        Assert.Null(json["empty"]);
        Assert.Null(json["word"]);
        Assert.Equal("true", json["quoted"]!.GetValue<string>());
        Assert.Equal("12", json["single"]!.GetValue<string>());
        Assert.Equal("12", json["tagged"]!.GetValue<string>());
        Assert.Equal("34\n", json["block"]!.GetValue<string>());
        Assert.Equal("2026-05-01", json["date"]!.GetValue<string>());
        Assert.Equal("1.2.3", json["version"]!.GetValue<string>());
    }

    [Fact]
    public void AKeyThatIsNotAName_IsRefusedWithItsLine()
    {
        var error = Assert.Throws<YamlJsonException>(() => Convert("title: x\n[a, b]: y\n"));
        Assert.Equal(2, error.Start.Line);
        Assert.Contains("keys must be field names, not a list", error.Message);
    }

    private static JsonObject Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Assert.IsType<JsonObject>(YamlJson.ToJson(stream.Documents[0].RootNode));
    }
}
