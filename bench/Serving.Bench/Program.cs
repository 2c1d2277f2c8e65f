using Serverless.Bench;

// Usage: Serving.Bench coldstart <path to Serverless.LocalHost.dll> [iterations]
//        Serving.Bench handler [rounds]
//        Serving.Bench telemetry [rounds] [prediction log sample rate] [records per call, e.g. 1,100]
//        Serving.Bench telemetry-parts [rounds] [records per call]
//        Serving.Bench openloop <url> <body file> <requests per second> <seconds>
return args switch
{
    ["coldstart", var dll, ..] => await ColdStart.RunAsync(Path.GetFullPath(dll), args.Length > 2 ? int.Parse(args[2]) : 5),
    ["handler", ..] => HandlerBench.Run(args.Length > 1 ? int.Parse(args[1]) : 5),
    ["telemetry", ..] => TelemetryBench.Run(args.Length > 1 ? int.Parse(args[1]) : 21,
        args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : null,
        args.Length > 3 ? args[3].Split(',').Select(int.Parse).ToArray() : null),
    ["telemetry-parts", ..] => TelemetryParts.Run(args.Length > 1 ? int.Parse(args[1]) : 7, args.Length > 2 ? int.Parse(args[2]) : 100),
    ["sample-body", var url, var model] => await SampleRecord.PrintAsync(url, model),
    ["openloop", var url, var bodyFile, var rate, var seconds] => await OpenLoop.RunAsync(url, bodyFile,
        double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Serving.Bench coldstart <Serverless.LocalHost.dll> [iterations] | handler [rounds] | telemetry [rounds] [sampleRate] [batches] | telemetry-parts [rounds] [records] | openloop <url> <bodyFile> <rps> <seconds>");
    return 2;
}
