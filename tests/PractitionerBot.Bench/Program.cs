using PractitionerBot.Bench;

return await FanoutBench.RunAsync(args);
