namespace Serverless.Training.Data;

/// <summary>One record of a training file: the 1-based line (CSV, JSON Lines) or row number (Parquet) it starts on, and its cells; null is missing.</summary>
internal readonly record struct DataRow(int Line, string?[] Cells);
