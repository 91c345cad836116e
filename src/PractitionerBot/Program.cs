using PractitionerBot.Hosting;

return BotApplication.Run(args);

public partial class Program;
