using Serverless.Capacity;

return CapacityCommand.Run(args, Console.Out, Console.Error);
