namespace Serverless.Training.Data;

/// <summary>One CSV record and the 1-based file line it starts on (the header is line 1).</summary>
internal readonly record struct CsvRow(int Line, string[] Cells);
