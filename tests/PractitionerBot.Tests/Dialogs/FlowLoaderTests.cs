using PractitionerBot.Dialogs;
using PractitionerBot.Tests.Infrastructure;

namespace PractitionerBot.Tests.Dialogs;

public sealed class FlowLoaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public FlowLoaderTests() =>
        File.Copy(Path.Combine(RepoPaths.Root, "dialogs", FlowLoader.SchemaFile), _dir.File(FlowLoader.SchemaFile));

    private string Load(string yaml)
    {
        File.WriteAllText(_dir.File("broken.yaml"), yaml);
        var error = Assert.Throws<InvalidDataException>(() => FlowLoader.LoadAll(_dir.Path, ShippedDialogActions.Names));
        return error.Message;
    }

    private const string Header = "id: test\nstart: first\nsteps:\n";

    [Fact]
    public void TheShippedFlows_Load()
    {
        var flows = FlowLoader.LoadAll(Path.Combine(RepoPaths.Root, "dialogs"), ShippedDialogActions.Names);
        Assert.Contains("onboarding", flows.Keys);
    }

    [Fact]
    public void ARoleWithoutARefusal_IsRefused()
    {
        var message = Load("id: test\nstart: first\nrole: coordinator\nsteps:\n  - id: first\n    type: end\n");
        Assert.StartsWith("broken.yaml:", message);
        Assert.Contains("refusal", message);
    }

    [Fact]
    public void UnknownStepType_NamesFileAndStep()
    {
        var message = Load(Header + "  - id: first\n    type: quiz\n    next: first\n");
        Assert.StartsWith("broken.yaml:", message);
        Assert.Contains("step 'first'", message);
    }

    [Fact]
    public void BranchToAMissingStep_NamesFileStepAndTarget()
    {
        var message = Load(Header + """
              - id: first
                type: branch
                on: role
                cases: {teacher: nowhere}
                default: done
              - id: done
                type: end
            """);
        Assert.Equal("broken.yaml: step 'first': 'cases.teacher' names step 'nowhere', which does not exist", message);
    }

    [Fact]
    public void DuplicateStepId_NamesFileAndStep()
    {
        var message = Load(Header + "  - id: first\n    type: end\n  - id: first\n    type: end\n");
        Assert.Equal("broken.yaml: step 'first' is defined twice", message);
    }

    [Fact]
    public void Scalars_AreReadAsTheAnnouncementFilesReadThem_CapitalisedBooleansToo()
    {
        File.WriteAllText(_dir.File("flow.yaml"), Header + """
              - id: first
                type: text
                prompt: {en: "The title:"}
                store: title
                maxLength: 200
                skippable: False
                next: done
              - id: done
                type: end
            """);
        var step = FlowLoader.LoadAll(_dir.Path, ShippedDialogActions.Names)["test"].Steps["first"];
        Assert.Equal(200, step.MaxLength);
        Assert.False(step.Skippable);
    }

    [Fact]
    public void MalformedYaml_NamesFileAndLine()
    {
        var message = Load(Header + "  - id: first\n    type: [unclosed\n");
        Assert.StartsWith("broken.yaml: malformed YAML at line", message);
    }

    [Fact]
    public void MissingRequiredField_NamesFileAndStep()
    {
        var message = Load(Header + "  - id: first\n    type: choice\n    store: x\n    next: first\n    choices: [{value: a, title: {en: A}}]\n");
        Assert.Contains("step 'first'", message);
        Assert.Contains("prompt", message);
    }

    [Fact]
    public void UnknownAction_NamesFileStepAndKnownActions()
    {
        var message = Load(Header + "  - id: first\n    type: action\n    action: launchRockets\n    next: done\n  - id: done\n    type: end\n");
        Assert.Contains("step 'first': unknown action 'launchRockets'", message);
        Assert.Contains("recommendGroups", message);
    }

    [Fact]
    public void BrokenFlow_StopsStartUpWithTheFileAndStep()
    {
        Load(Header + "  - id: first\n    type: end\n  - id: first\n    type: end\n");
        File.Copy(Path.Combine(RepoPaths.Root, "dialogs", "texts.yaml"), _dir.File("texts.yaml"));
        File.Copy(Path.Combine(RepoPaths.Root, "dialogs", "onboarding.yaml"), _dir.File("onboarding.yaml"));
        var message = PractitionerBot.Hosting.ConfigurationError.Describe(Assert.ThrowsAny<Exception>(() =>
        {
            using var app = PractitionerBot.Hosting.BotApplication.Create(["--urls=http://127.0.0.1:0", $"--Dialogs:Path={_dir.Path}",
                $"--Knowledge:IndexPath={_dir.File("idx")}", $"--Storage:SqlitePath={_dir.File("db")}"], RepoPaths.Root);
            app.StartAsync().GetAwaiter().GetResult();
        }));
        Assert.Equal("broken.yaml: step 'first' is defined twice", message);
    }

    public void Dispose() => _dir.Dispose();
}

public sealed class ChoiceMatcherTests
{
    private static readonly IReadOnlyList<ChoiceMatcher.Option> Countries =
    [
        new("be", ["Belgium", "Belgique", "België", "Belgien"]),
        new("de", ["Germany", "Allemagne", "Deutschland", "Duitsland"]),
        new("dk", ["Denmark", "Danemark", "Dänemark", "Denemarken"]),
    ];

    [Theory]
    [InlineData("belgium", "be")]
    [InlineData("BELGIQUE", "be")]
    [InlineData("Belgie", "be")]       // accent left out
    [InlineData("Belgim", "be")]       // a typo
    [InlineData("Deutschlnd", "de")]
    [InlineData("den", "dk")]          // unique prefix
    [InlineData("2", "de")]            // the option's number
    public void Match_ForgivesCaseAccentsTyposAndNumbers(string typed, string expected) =>
        Assert.Equal(expected, ChoiceMatcher.Match(typed, Countries));

    [Theory]
    [InlineData("Narnia")]
    [InlineData("")]
    [InlineData("de")]                 // two letters: too short to guess
    public void Match_RefusesWhatIsNotAnOption(string typed) => Assert.Null(ChoiceMatcher.Match(typed, Countries));
}
