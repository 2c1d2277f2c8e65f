namespace Serverless.Core.Models;

/// <summary>A registration was refused: the ONNX file does not load or does not match its schema.</summary>
public sealed class ModelValidationException(string message, Exception? inner = null) : Exception(message, inner);
