using Conformance.Runner;

return await RunnerCommand.RunAsync(args, Console.Out);
