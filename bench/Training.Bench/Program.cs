using System.Diagnostics;
using System.Globalization;
using Serverless.Testing;
using Serverless.Training;
using Serverless.Training.Bench;
using Serverless.Training.Data;
using Serverless.Training.Spec;

// Usage:
//   Training.Bench [throughput [rounds]] [memory] [onnx]     (default: all, 3 rounds)
//   Training.Bench child ours|mlnet                          (one training in a child process; prints its VmHWM)
var taxi = RepositoryPaths.TaxiFareCsv;
var spec = new TrainingSpec { Data = new DataSpec { Path = taxi }, Label = "fare_amount", Task = TrainingTask.Regression };
var rows = File.ReadLines(taxi).Count() - 1;

if (args is ["child", var which])
{
    if (which == "ours")
    {
        await new ModelTrainer().LoadAndTrainAsync(spec, null, null);
    }
    else
    {
        MlNetAnchor.Fit(taxi, spec.Trainer, spec.Holdout.Seed);
    }

    Console.WriteLine($"VmHWM {PeakKilobytes()}");
    return 0;
}

var all = args.Length == 0;
if (all || args[0] == "throughput")
{
    var rounds = args is ["throughput", var r, ..] ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
    var ours = new List<double>();
    var anchor = new List<double>();
    // Warm-up of both (JIT, LightGBM's native load), then alternate so drift on a shared machine hits both alike.
    await new ModelTrainer().LoadAndTrainAsync(spec with { Trainer = new TrainerSpec { Trees = 5 } }, null, null);
    MlNetAnchor.Fit(taxi, new TrainerSpec { Trees = 5 }, 42);
    for (var i = 0; i < rounds; i++)
    {
        var watch = Stopwatch.StartNew();
        await new ModelTrainer().LoadAndTrainAsync(spec, null, null);
        ours.Add(watch.Elapsed.TotalSeconds);
        watch.Restart();
        MlNetAnchor.Fit(taxi, spec.Trainer, spec.Holdout.Seed);
        anchor.Add(watch.Elapsed.TotalSeconds);
        Console.WriteLine($"round {i + 1}: ours {ours[^1]:F2} s, ML.NET Fit {anchor[^1]:F2} s");
    }

    double oursRate = rows / Median(ours), anchorRate = rows / Median(anchor);
    Console.WriteLine($"taxi-fare {rows} rows, LightGBM {spec.Trainer.Trees} trees, 1 thread:");
    Console.WriteLine($"  ours (read, infer, encode, train on 80%, export, evaluate) {oursRate:F0} rows/s (median {Median(ours):F2} s)");
    Console.WriteLine($"  anchor ML.NET LoadFromTextFile + OneHot + Fit on 100%       {anchorRate:F0} rows/s (median {Median(anchor):F2} s)");
    Console.WriteLine($"  ratio ours/anchor {oursRate / anchorRate:P1} (target >= 80%)");
}

if (all || args.Contains("memory"))
{
    var ours = await ChildPeakAsync("ours");
    var anchor = await ChildPeakAsync("mlnet");
    Console.WriteLine($"peak RSS (VmHWM, child process): ours {ours / 1024} MB, ML.NET Fit {anchor / 1024} MB, ratio {ours / (double)anchor:F2}x");
}

if (all || args.Contains("onnx"))
{
    foreach (var (name, dataset) in new[]
    {
        ("bank-churn binary", new TrainingSpec { Data = new DataSpec { Path = RepositoryPaths.BankChurnCsv }, Label = "churn", Task = TrainingTask.Binary, Ignore = ["customer_id"] }),
        ("iris multiclass", new TrainingSpec { Data = new DataSpec { Path = RepositoryPaths.IrisTsv }, Label = "Label", Task = TrainingTask.Multiclass, Trainer = new TrainerSpec { Trees = 30, MinExamplesPerLeaf = 5 } }),
        ("taxi-fare regression", spec),
    })
    {
        var result = await new ModelTrainer().LoadAndTrainAsync(dataset, null, null);
        var bytes = await File.ReadAllBytesAsync(dataset.Data.Path!);
        var table = await TabularReader.ReadAsync(new TrainingData(bytes, dataset.Data.Path!, Path.GetFileName(dataset.Data.Path!)), dataset.Data, new TrainingOptions(), default);
        var encoded = EncodedDataset.Encode(table, new Serverless.Core.Models.FeatureEncoder(result.Schema), -1, null, out _).Features;
        ConverterComparison.Run(name, result, encoded.Take(10_000).ToArray());
    }
}

return 0;

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static long PeakKilobytes()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}

static async Task<long> ChildPeakAsync(string which)
{
    var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        info.ArgumentList.Add(typeof(MlNetAnchor).Assembly.Location);
    }

    info.ArgumentList.Add("child");
    info.ArgumentList.Add(which);
    using var child = Process.Start(info)!;
    var output = await child.StandardOutput.ReadToEndAsync();
    await child.WaitForExitAsync();
    var line = output.Split('\n').Last(l => l.StartsWith("VmHWM ", StringComparison.Ordinal));
    return long.Parse(line["VmHWM ".Length..].Trim(), CultureInfo.InvariantCulture);
}
