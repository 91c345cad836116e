using PractitionerBot.Cli;

return await CliProgram.RunAsync(args, Console.Out, Console.Error);
