using Serverless.Durable.Bench;
using Serverless.Testing;

// Usage: dotnet run -c Release --project bench/Durable.Bench [instances]
// Uses AZURITE_CONNECTION_STRING when set, else starts Azurite from node_modules.
var instances = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
var azurite = await Azurite.GetAsync();
Console.WriteLine($"Durable engine benchmark: {Environment.ProcessorCount} cores, {instances} orchestrations");
await ThroughputBenchmark.RunAsync(azurite.ConnectionString, instances);
await ReplayBenchmark.RunAsync(azurite.ConnectionString);
