namespace PractitionerBot.Hosting;

/// <summary>Builds the web host; tests call <see cref="Create"/> to run the real host on loopback.</summary>
public static class BotApplication
{
    public static WebApplication Create(string[] args, string? contentRoot = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
        builder.AddPractitionerBot();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapPractitionerBot();
        return app;
    }

    /// <summary>Runs until stopped; a bad setting ends start-up with one line that names the key.</summary>
    public static int Run(string[] args)
    {
        try
        {
            Create(args).Run();
            return 0;
        }
        catch (Exception ex) when (ConfigurationError.Describe(ex) is { } message)
        {
            Console.Error.WriteLine($"PractitionerBot cannot start: {message}");
            return 2;
        }
    }
}
