namespace Serverless.Training.Cli;

/// <summary><c>dotnet run --project src/Training -- train --spec spec.json --out dir [--register url]</c> (see README).</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => TrainCommand.RunAsync(args, Console.Out, Console.Error);
}
