using Serverless.Durable.Bench;
using Serverless.Testing;

// Usage: dotnet run -c Release --project bench/Durable.Bench [instances]
// Uses AZURITE_CONNECTION_STRING when set, else starts Azurite from node_modules.
var instances = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
var azurite = await Azurite.GetAsync();
Console.WriteLine($"Durable Task Framework on Azurite: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine("Start-up:");
await StartupBenchmark.RunAsync(azurite.ConnectionString);
Console.WriteLine("One instance (per-step overhead):");
await ThroughputBenchmark.RunAsync(azurite.ConnectionString, 1);
Console.WriteLine($"{instances} instances at once:");
await ThroughputBenchmark.RunAsync(azurite.ConnectionString, instances);
