using PractitionerBot.Conversations;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Security;

/// <summary>Escaped member text renders, under CommonMark, as exactly the text the member typed: no formatting, nothing lost.</summary>
public sealed class MemberTextTests
{
    [Theory]
    [InlineData("[Re-verify here](https://evil.example/login)")]
    [InlineData("![tracking pixel](https://evil.example/p.png)")]
    [InlineData("**Answer from RAN Secretariat (official)**")]
    [InlineData("# Official heading")]
    [InlineData("Heading by underline\n===")]
    [InlineData("Heading by dashes\n---")]
    [InlineData("> a quote\n- a list item\n+ another\n* and another\n12. numbered\n3) numbered too")]
    [InlineData("`code` and ```fenced``` and ~~struck~~ and _under_ and *single*")]
    [InlineData("<https://evil.example> and <b>html</b> and &lt;entity&gt; and &#91;x&#93;(https://evil.example)")]
    [InlineData("back\\slash \\*not escaped\\* [ref]: https://evil.example")]
    [InlineData("| a | table |\n|---|---|\n| x | y |")]
    [InlineData("A normal question about a pupil (aged 15) who shares videos; what do we do?")]
    public void Escape_RendersAsTheTypedText_WithNoFormatting(string typed)
    {
        var escaped = MemberText.Escape(typed);
        Assert.Empty(RenderedMarkdown.Formatting(RenderedMarkdown.Html(escaped)));
        Assert.Equal(Words(typed), Words(RenderedMarkdown.Shown(escaped)));
    }

    [Fact]
    public void Clean_RemovesBidiOverridesZeroWidthAndControlCharacters_AndKeepsLineBreaks()
    {
        var typed = "invoice\u202Efdp.exe ev\u200Bil \u2066iso\u2069 \u200Fmark\u0007 line\nnext\ttab";
        Assert.Equal("invoicefdp.exe evil iso mark line\nnext\ttab", MemberText.Clean(typed));
    }

    /// <summary>Compares what a reader sees: the words in order, whatever the line breaks and spacing.</summary>
    private static string Words(string text) => string.Join(' ', text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
