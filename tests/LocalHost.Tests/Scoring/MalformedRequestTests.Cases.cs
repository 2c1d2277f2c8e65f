using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Serverless.Core.Tests.Scoring.TestModels;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Scoring;

/// <summary>The malformed, hostile and good requests the endpoint test sends, by endpoint family.</summary>
public partial class MalformedRequestTests
{
    private const string Predict = "/api/models/xgb/predict";
    private const string Infer = "/v2/models/xgb/infer";
    private const string InferMixed = "/v2/models/mixed/infer";

    private sealed record Case(HttpMethod Method, string Path, Func<HttpContent?> Content, string? RequestId = null)
    {
        /// <summary>Identifies the case (method, path, header, whole body) to check that every case is distinct.</summary>
        public async Task<string> DescribeAsync() =>
            $"{Method} {Path} {RequestId} {(Content() is { } c ? c.Headers.ContentType + " " + Convert.ToHexString(await c.ReadAsByteArrayAsync()) : "")}";
    }

    private static Case Post(string path, string json) => new(HttpMethod.Post, path, () => TestLocalHost.Json(json));

    private static Case Raw(string path, byte[] body, string? contentType) => new(HttpMethod.Post, path, () =>
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    });

    private static Case Get(string path) => new(HttpMethod.Get, path, () => null);

    private static string X(string datatype, string shape, string data, string name = "X") =>
        $$"""{ "inputs": [ { "name": "{{name}}", "shape": {{shape}}, "datatype": "{{datatype}}", "data": {{data}} } ] }""";

    private static IEnumerable<Case> Cases()
    {
        string[] predictBodies =
        [
            """{ "records": [ { "a": 1, "foo": 2 } ] }""", """{ "records": [ { "b": 2 } ] }""", """{ "records": [ { "a": "x" } ] }""",
            """{ "records": [ { "a": "NaN" } ] }""", """{ "records": [ { "a": "Infinity" } ] }""", """{ "records": [ { "a": 1e39 } ] }""",
            """{ "records": [ { "a": true } ] }""", """{ "records": [ { "a": [1] } ] }""", """{ "records": [ { "a": { "v": 1 } } ] }""",
            """{ "records": [ { "a": 1, "d": "mid" } ] }""", """{ "records": [ { "a": 1, "d": 1 } ] }""", """{ "records": [ { "a": 1, "a": 2 } ] }""",
            """{ "records": [] }""", """{ "records": {} }""", """{ "records": [ 1 ] }""", """{ "records": null }""", """{ "rows": [] }""",
            """{}""", """[]""", "\"records\"", """{ "records": [ { "a": 1 } ] } x""", """{ "records": [ { "a": 1 """, """{ records: [] }""",
            """{ "records": [ { "a": 1, } ] }""", """{ "records": [ {"a":1},{"a":1},{"a":1},{"a":1},{"a":1},{"a":1} ] }""",
            """{ "records": [ { "a": NaN } ] }""", """{ "records": [ { "a": 1 } ], "extra": 1 }""", """{ "records": [ { "a": null } ] }""",
            """{ "records": [ { "a": 1, "c": "1,5" } ] }""", """{ "records": [ { "a": 1 }, { "a": 1, "zzz": 1 } ] }""",
            """{ "records": [ { "a": -1e309 } ] }""", """{ "records": [ { "a": 1 } ] } // comment""", """{ "records": [ { "": 1 } ] }""",
            """{ "records": [ { "a": 1, "d": "HIGH" } ] }""", """{ "records": [ [ 1, 2, 3, 4 ] ] }""", """{ "records": "a=1" }""",
        ];
        foreach (var body in predictBodies)
        {
            yield return Post(Predict, body);
        }

        yield return Post("/api/models/xgb/versions/1/predict", """{ "records": [ { "a": 1, "foo": 2 } ] }""");
        yield return Raw(Predict, """{"records":[{"a":"x"u8}]}"""u8.ToArray().Concat(new byte[] { 0xFF, 0xFE }).ToArray(), "application/json");
        yield return Raw(Predict, """{ "records": [ { "a": 1 } ] }"""u8.ToArray(), "text/plain");
        yield return Raw(Predict, """{ "records": [ { "a": 1 } ] }"""u8.ToArray(), null);
        yield return Raw(Predict, "<records/>"u8.ToArray(), "application/xml");
        yield return Raw(Predict, """{ "records": [ { "a": 1 } ] }"""u8.ToArray(), "application/json; charset=utf-16");
        yield return Raw(Predict, Encoding.UTF8.GetBytes("{ \"records\": [" + string.Join(",", Enumerable.Repeat("{ \"a\": 1 }", 2000)) + "] }"), "application/json");
        yield return Raw(Predict, [], "application/json");
        yield return Post("/api/models/nope/predict", """{ "records": [ { "a": 1 } ] }""");
        yield return Post("/api/models/Bad%20Name/predict", """{ "records": [ { "a": 1 } ] }""");
        yield return Post("/api/models/xgb/versions/9/predict", """{ "records": [ { "a": 1 } ] }""");
        yield return Post("/api/models/xgb/versions/abc/predict", """{ "records": [ { "a": 1 } ] }""");
        yield return Post("/api/models/xgb/versions/0/predict", """{ "records": [ { "a": 1 } ] }""");
        yield return Post("/api/models/xgb/versions/-1/predict", """{ "records": [ { "a": 1 } ] }""");
        yield return Post("/api/models/raw/predict", """{ "records": [ { "a": 1 } ] }""");
        yield return Post("/api/models/mixed/predict", """{ "records": [ { "a": 1 } ] }""");
        yield return Post(Predict, """{ "records": [ { "a": 1 } ] }""") with { RequestId = new string('r', 200) };
        yield return Post(Predict, """{ "records": [ { "a": 1 } ] }""") with { RequestId = "has space" };

        string[] inferBodies =
        [
            X("FP64", "[1,4]", "[1,2,3,4]"), X("FP32", "[1,4]", "[1,2,3,4]", name: "Y"), """{ "inputs": [ { "name": "X", "datatype": "FP32", "data": [1,2,3,4] } ] }""",
            X("FP32", "[4]", "[1,2,3,4]"), X("FP32", "[1,3]", "[1,2,3]"), X("FP32", "[2,4]", "[1,2,3,4]"), X("FP32", "[0,4]", "[]"),
            X("FLOAT", "[1,4]", "[1,2,3,4]"), X("FP16", "[1,4]", "[1,2,3,4]"), X("FP32", "[1,4]", """["1","2","3","4"]"""),
            X("FP32", "[1,4]", "[1,2,3,null]"), X("FP32", "[1,4]", "[1,2,3,1e39]"), X("FP32", "[1,4]", "[[1,2],[3]]"), X("FP32", "[1,-4]", "[1,2,3,4]"),
            X("FP32", "[1,4]", "1"), X("FP32", "\"1x4\"", "[1,2,3,4]"), X("fp32", "[1,4]", "[1,2,3,4]"),
            """{ "inputs": [ { "name": "X", "shape": [1,4], "datatype": "FP32", "data": [1,2,3,4] } ], "outputs": [ { "name": "nope" } ] }""",
            """{ "inputs": [ { "name": "X", "shape": [1,4], "datatype": "FP32", "data": [1,2,3,4] } ], "outputs": [ { "name": "variable" }, { "name": "variable" } ] }""",
            """{ "inputs": [ { "name": "X", "shape": [1,4], "datatype": "FP32", "data": [1,2,3,4], "unit": "cm" } ] }""",
            """{ "inputs": [ { "name": "X", "shape": [1,4], "datatype": "FP32", "data": [1,2,3,4] } ], "model": "xgb" }""",
            """{ "inputs": [] }""", """{ "id": "x" }""", """{ "id": 5, "inputs": [ { "name": "X", "shape": [1,4], "datatype": "FP32", "data": [1,2,3,4] } ] }""",
            """{ "inputs": [ { "name": "X", "shape": [1,4], "datatype": "FP32", "data": [1,2,3,4] }, { "name": "X", "shape": [1,4], "datatype": "FP32", "data": [1,2,3,4] } ] }""",
            """{ "inputs": [ { "name": "X" """, """{ "inputs": { "name": "X" } }""", """{ "parameters": [], "inputs": [] }""", """{ "inputs": [ "X" ] }""",
            """{ "outputs": "variable", "inputs": [] }""", """{ "inputs": [ { "name": "X", "shape": [1,4], "datatype": "FP32", "data": [1,2,3,4] } ], "outputs": [ {} ] }""",
        ];
        foreach (var body in inferBodies)
        {
            yield return Post(Infer, body);
        }

        const string f = """{ "name": "f", "shape": [1,2], "datatype": "FP32", "data": [1,2] }""";
        const string l = """{ "name": "l", "shape": [1], "datatype": "INT64", "data": [1] }""";
        const string b = """{ "name": "b", "shape": [1], "datatype": "BOOL", "data": [true] }""";
        string[] mixedBodies =
        [
            $$"""{ "inputs": [ {{f}}, {{b}} ] }""",
            $$"""{ "inputs": [ {{f}}, {{l}}, { "name": "b", "shape": [1], "datatype": "BOOL", "data": [1] } ] }""",
            $$"""{ "inputs": [ {{f}}, { "name": "l", "shape": [1], "datatype": "INT64", "data": [1.5] }, {{b}} ] }""",
            $$"""{ "inputs": [ {{f}}, { "name": "l", "shape": [1], "datatype": "INT64", "data": [1e20] }, {{b}} ] }""",
            $$"""{ "inputs": [ {{f}}, {{l}}, { "name": "b", "shape": [1], "datatype": "INT32", "data": [1] } ] }""",
            $$"""{ "inputs": [ { "name": "f", "shape": [1,3], "datatype": "FP32", "data": [1,2,3] }, {{l}}, {{b}} ] }""",
            $$"""{ "inputs": [ {{f}}, {{l}}, { "name": "b", "shape": [1], "datatype": "BYTES", "data": ["true"] } ] }""",
            $$"""{ "inputs": [ {{f}}, {{l}}, {{b}}, { "name": "z", "shape": [1], "datatype": "BOOL", "data": [true] } ] }""",
        ];
        foreach (var body in mixedBodies)
        {
            yield return Post(InferMixed, body);
        }

        var good = X("FP32", "[1,4]", "[1,2,3,4]");
        yield return Post("/v2/models/nope/infer", good);
        yield return Post("/v2/models/xgb/versions/9/infer", good);
        yield return Post("/v2/models/xgb/versions/x/infer", good);
        yield return Raw(Infer, Encoding.UTF8.GetBytes(good), "text/plain");
        yield return Raw(Infer, Encoding.UTF8.GetBytes(X("FP32", "[1,4]", "[" + string.Join(",", Enumerable.Repeat("1.0", 6000)) + "]")), "application/json");
        yield return Raw(Infer, [], "application/json");

        foreach (var path in new[]
        {
            "/v2/models/nope", "/v2/models/xgb/versions/9", "/v2/models/xgb/versions/abc", "/v2/models/xgb/versions/0", "/v2/models/nope/ready",
            "/v2/models/xgb/versions/9/ready", "/v2/models/xgb/versions/x/ready", "/v2/models/UPPER", "/api/models/nope", "/api/models/xgb/versions/9",
            "/api/models/xgb/versions/one",
        })
        {
            yield return Get(path);
        }

        MultipartFormDataContent Upload(byte[] onnx, string? manifest)
        {
            var content = new MultipartFormDataContent { { new ByteArrayContent(onnx), "model", "model.onnx" } };
            if (manifest is not null)
            {
                content.Add(new StringContent(manifest), "manifest");
            }

            return content;
        }

        yield return Post("/api/models/xgb/versions", "{}");
        yield return new Case(HttpMethod.Post, "/api/models/Bad%20Name/versions", () => Upload(TestLocalHost.Xgb, null));
        yield return new Case(HttpMethod.Post, "/api/models/xgb/versions", () => Upload("garbage"u8.ToArray(), null));
        yield return new Case(HttpMethod.Post, "/api/models/xgb/versions", () => Upload(TestLocalHost.Xgb, "{ not json"));
        yield return new Case(HttpMethod.Post, "/api/models/xgb/versions", () => Upload(TestLocalHost.Xgb, """{ "colour": "red" }"""));
        yield return new Case(HttpMethod.Post, "/api/models/xgb/versions", () =>
            Upload(TestLocalHost.Xgb, """{ "features": { "inputName": "X", "features": [ {"name":"a","kind":"numeric"} ] } }"""));
        yield return new Case(HttpMethod.Post, "/api/models/xgb/versions", () => Upload(TestLocalHost.Xgb, """{ "task": "clustering" }"""));
        yield return new Case(HttpMethod.Post, "/api/models/xgb/versions", () => new MultipartFormDataContent { { new StringContent("x"), "other" } });
        yield return Raw("/api/models/xgb/versions", [], "application/octet-stream");
        yield return Raw("/api/models/xgb/versions", "not onnx"u8.ToArray(), "application/octet-stream");
        yield return Raw("/api/models/xgb/versions", TestLocalHost.Xgb, "text/plain");
        yield return Raw("/api/models/xgb/versions", TestLocalHost.Xgb, null);
        yield return new Case(HttpMethod.Post, "/api/models/xgb/versions", () => Upload(TestLocalHost.Xgb, """{ "task": "classification", "classLabels": [] }"""));
        yield return new Case(HttpMethod.Post, "/api/models/xgb/versions", () => Upload(TestLocalHost.Xgb, """{ "features": { "inputName": "nope", "features": [] } }"""));
        yield return new Case(HttpMethod.Post, "/api/models/xgb/versions", () => Upload(TestLocalHost.Xgb, "[]"));
        yield return new Case(HttpMethod.Post, "/api/models/-bad/versions", () => Upload(TestLocalHost.Xgb, null));

        foreach (var c in HostileTextCases())
        {
            yield return c;
        }

        foreach (var c in BatchCases())
        {
            yield return c;
        }

        foreach (var c in UnroutedCases())
        {
            yield return c;
        }
    }

    /// <summary>Invalid UTF-8 and unpaired surrogate escapes in every string a scoring body carries.</summary>
    private static IEnumerable<Case> HostileTextCases()
    {
        byte[] Splice(string before, byte[] bad, string after) => [.. Encoding.UTF8.GetBytes(before), .. bad, .. Encoding.UTF8.GetBytes(after)];
        byte[][] invalid = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]];
        foreach (var bad in invalid)
        {
            yield return Raw(Predict, Splice("{ \"records\": [ { \"a\": 1, \"d\": \"h", bad, "\" } ] }"), "application/json");
            yield return Raw(Predict, Splice("{ \"records\": [ { \"a\": 1, \"d", bad, "\": 1 } ] }"), "application/json");
            yield return Raw(Infer, Splice("{ \"inputs\": [ { \"name\": \"X", bad, "\", \"shape\": [1,4], \"datatype\": \"FP32\", \"data\": [1,2,3,4] } ] }"), "application/json");
        }

        // JSON escapes, written as text: the body is valid UTF-8, the decoded string is not valid UTF-16.
        foreach (var escape in new[] { @"\ud800", @"\udc00", @"\ud800\u0041", @"x\udfff" })
        {
            yield return Post(Predict, $$"""{ "records": [ { "a": 1, "d": "{{escape}}" } ] }""");
            yield return Post(Predict, $$"""{ "records": [ { "a": 1, "{{escape}}": 1 } ] }""");
            yield return Post(Infer, X("FP32", "[1,4]", "[1,2,3,4]", name: escape));
        }

        yield return Post(Predict, """{ "\ud800": [] }""");
        yield return Post(Infer, """{ "\ud800": [] }""");
        yield return Post(Infer, """{ "id": "\ud800", "inputs": [ { "name": "X", "shape": [1,4], "datatype": "FP32", "data": [1,2,3,4] } ] }""");
        yield return Post(Infer, X(@"\ud800", "[1,4]", "[1,2,3,4]"));
        yield return Post(Infer, """{ "inputs": [ { "\ud800": "X" } ] }""");
        yield return Post(Infer, """{ "inputs": [ { "name": "X", "shape": [1,4], "datatype": "FP32", "data": [1,2,3,4] } ], "outputs": [ { "name": "\ud800" } ] }""");
        yield return Post(Infer, """{ "inputs": [ { "name": "X", "shape": [1,4], "datatype": "FP32", "data": [1,2,3,4] } ], "outputs": [ { "\ud800": 1 } ] }""");
        yield return Post(InferMixed, """{ "inputs": [ { "name": "b", "shape": [1], "datatype": "BYTES", "data": ["\ud800"] } ] }""");
    }

    /// <summary>On-demand batch: submit bodies and status ids (the model xgb exists, no input file does).</summary>
    private static IEnumerable<Case> BatchCases()
    {
        const string submit = "/api/models/xgb/batch";
        string[] bodies =
        [
            """{ "path": "in/missing.csv" }""", """{ "path": "../x.csv" }""", """{ "path": "in/x.txt" }""", """{ "path": "" }""",
            """{ "path": "/" }""", """{ "path": "a//b.csv" }""", """{ "path": "./a.csv" }""", """{ "path": "in/a.csv", "modelVersion": 0 }""",
            """{ "path": "in/a.csv", "modelVersion": -3 }""", """{ "path": "in/a.csv", "modelVersion": 9 }""", """{ "path": "in/a.csv", "modelVersion": "1" }""",
            """{ "path": 5 }""", "{ \"path\": ", "null", "[]", "\"in/a.csv\"", """{ "file": "in/a.csv" }""",
            "{ \"path\": \"in/a.csv\", \"pad\": \"" + new string('x', 17 * 1024) + "\" }",
        ];
        foreach (var body in bodies)
        {
            yield return Post(submit, body);
        }

        yield return Post("/api/models/nope/batch", """{ "path": "in/a.csv" }""");
        yield return Post("/api/models/Bad%20Name/batch", """{ "path": "in/a.csv" }""");
        yield return Raw(submit, """{ "path": "in/a.csv" }"""u8.ToArray(), "text/csv");
        yield return Raw(submit, [], "application/json");
        yield return Get("/api/batch/jobs/nope");
        yield return Get("/api/batch/jobs/0123456789abcdef0123456789abcdef");
        yield return Get("/api/batch/jobs/" + new string('f', 300));
    }

    /// <summary>A method a route does not answer (405) and paths no route matches (404).</summary>
    private static IEnumerable<Case> UnroutedCases()
    {
        foreach (var path in new[] { Predict, "/api/models/xgb/versions/1/predict", Infer, "/v2/models/xgb/versions/1/infer", "/api/models/xgb/batch", "/api/models/xgb/versions" })
        {
            yield return Get(path);
            yield return new Case(HttpMethod.Put, path, () => TestLocalHost.Json("{}"));
        }

        foreach (var path in new[] { "/api/models", "/v2", "/v2/health/live", "/api/models/xgb/versions/1", "/api/batch/jobs/0123456789abcdef0123456789abcdef" })
        {
            yield return Post(path, "{}");
            yield return new Case(HttpMethod.Delete, path, () => null);
        }

        // GET / is the dashboard (a page, 200); posting to it is still an error with a body.
        yield return Post("/", "{}");
        foreach (var path in new[] { "/no-such-page", "/api", "/api/model/xgb/predict", "/v3/models/xgb/infer", "/api/models/xgb/predict/extra", "/v2/models/xgb/versions/1/infer/x" })
        {
            yield return Get(path);
            yield return Post(path, "{}");
        }
    }
}
