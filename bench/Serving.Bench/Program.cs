using Serverless.Bench;

// Usage: Serving.Bench coldstart <path to Serverless.LocalHost.dll> [iterations]
//        Serving.Bench handler [rounds]
//        Serving.Bench telemetry [rounds] [prediction log sample rate]
//        Serving.Bench openloop <url> <body file> <requests per second> <seconds>
return args switch
{
    ["coldstart", var dll, ..] => await ColdStart.RunAsync(Path.GetFullPath(dll), args.Length > 2 ? int.Parse(args[2]) : 5),
    ["handler", ..] => HandlerBench.Run(args.Length > 1 ? int.Parse(args[1]) : 5),
    ["telemetry", ..] => TelemetryBench.Run(args.Length > 1 ? int.Parse(args[1]) : 5,
        args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : null),
    ["sample-body", var url, var model] => await SampleRecord.PrintAsync(url, model),
    ["openloop", var url, var bodyFile, var rate, var seconds] => await OpenLoop.RunAsync(url, bodyFile,
        double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Serving.Bench coldstart <Serverless.LocalHost.dll> [iterations] | handler [rounds] | telemetry [rounds] [sampleRate] | openloop <url> <bodyFile> <rps> <seconds>");
    return 2;
}
