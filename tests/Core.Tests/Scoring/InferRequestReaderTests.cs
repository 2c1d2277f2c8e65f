using System.Text;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.Core.Tests.Scoring;

public class InferRequestReaderTests
{
    private static (bool Ok, InferRequest? Request, string? Error) Read(string json)
    {
        var ok = InferRequestReader.TryRead(Encoding.UTF8.GetBytes(json), out var request, out var error);
        return (ok, request, error);
    }

    [Fact]
    public void TryRead_FieldsInAnyOrderNestedData_ParsesTypedTensors()
    {
        var (ok, request, error) = Read("""
            { "id": "r1", "parameters": { "x": 1 },
              "inputs": [
                { "data": [[1, 2.5], [3, 4]], "datatype": "FP32", "shape": [2, 2], "name": "f" },
                { "name": "l", "shape": [2], "datatype": "INT64", "data": [9007199254740993, -1], "parameters": {} },
                { "name": "b", "shape": [2], "datatype": "BOOL", "data": [true, false] },
                { "name": "s", "shape": [1], "datatype": "BYTES", "data": ["h\u00e9"] },
                { "name": "u", "shape": [1], "datatype": "UINT64", "data": [18446744073709551615] }
              ],
              "outputs": [ { "name": "f_out" } ] }
            """);

        Assert.True(ok, error);
        Assert.Equal("r1", request!.Id);
        Assert.Equal(new[] { 1f, 2.5f, 3f, 4f }, (float[])request.Inputs[0].Data);
        Assert.Equal(new[] { 2L, 2L }, request.Inputs[0].Shape);
        Assert.Equal(new[] { 9007199254740993L, -1L }, (long[])request.Inputs[1].Data);
        Assert.Equal(new[] { true, false }, (bool[])request.Inputs[2].Data);
        Assert.Equal(new[] { "hé" }, (string[])request.Inputs[3].Data);
        Assert.Equal(new[] { ulong.MaxValue }, (ulong[])request.Inputs[4].Data);
        Assert.Equal(["f_out"], request.Outputs!);
    }

    [Theory]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [2], "datatype": "FP32", "data": [1] } ] }""", "inputs[0] ('x'): data has 1 elements; shape [2] needs 2")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "datatype": "INT32", "data": [1.5] } ] }""", "data[0] is not a valid INT32 value (got 1.5)")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "datatype": "INT8", "data": [200] } ] }""", "not a valid INT8")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "datatype": "UINT8", "data": [-1] } ] }""", "not a valid UINT8")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "datatype": "FP32", "data": [1e39] } ] }""", "not a valid FP32")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "datatype": "FP32", "data": ["1"] } ] }""", "got a string")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "datatype": "BOOL", "data": [1] } ] }""", "not a valid BOOL")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "datatype": "BYTES", "data": [1] } ] }""", "not a valid BYTES")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "datatype": "FP32", "data": [null] } ] }""", "got null")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "datatype": "FLOAT", "data": [1] } ] }""", "'FLOAT' is not an Open Inference Protocol datatype")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "datatype": "FP16", "data": [1] } ] }""", "FP16 is not supported")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [-1], "datatype": "FP32", "data": [1] } ] }""", "shape[0] must be a non-negative integer")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": 1, "datatype": "FP32", "data": [1] } ] }""", "shape must be an array")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "datatype": "FP32", "data": 1 } ] }""", "data must be an array")]
    [InlineData("""{ "inputs": [ { "shape": [1], "datatype": "FP32", "data": [1] } ] }""", "inputs[0] has no 'name'")]
    [InlineData("""{ "inputs": [ { "name": "x", "datatype": "FP32", "data": [1] } ] }""", "has no 'shape'")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "data": [1] } ] }""", "has no 'datatype'")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "datatype": "FP32" } ] }""", "has no 'data'")]
    [InlineData("""{ "inputs": [ { "name": 5, "shape": [1], "datatype": "FP32", "data": [1] } ] }""", "inputs[0].name must be a string")]
    [InlineData("""{ "inputs": [ { "name": "x", "shape": [1], "datatype": "FP32", "data": [1], "extra": 1 } ] }""", "inputs[0] ('x').extra is not an input field")]
    [InlineData("""{ "inputs": [] }""", "'inputs' is empty")]
    [InlineData("""{ "inputs": {} }""", "'inputs' must be an array")]
    [InlineData("""{ "inputs": [ 1 ] }""", "inputs[0] must be an object")]
    [InlineData("""{ "id": 1, "inputs": [] }""", "'id' must be a string")]
    [InlineData("""{ "parameters": 1 }""", "'parameters' must be an object")]
    [InlineData("""{ "outputs": [ { "name": "y" } ] }""", "no 'inputs' array")]
    [InlineData("""{ "outputs": [ { "nom": "y" } ], "inputs": [] }""", "outputs[0].nom is not an output field")]
    [InlineData("""{ "outputs": [ {} ] }""", "outputs[0] has no 'name'")]
    [InlineData("""{ "outputs": "y" }""", "'outputs' must be an array")]
    [InlineData("""{ "input": [] }""", "'input' is not an infer request field")]
    [InlineData("""{ "inputs": [ """, "not valid JSON")]
    [InlineData("""42""", "must be a JSON object")]
    public void TryRead_Malformed_RefusesNamingThePlace(string json, string expected)
    {
        var (ok, _, error) = Read(json);

        Assert.False(ok);
        Assert.Contains(expected, error);
    }
}
