namespace Serverless.Core.Tests.Scoring.TestModels;

/// <summary>
/// Small ONNX models written byte by byte (ModelProto/GraphProto/NodeProto field numbers from onnx.proto),
/// so tests exercise real ONNX Runtime sessions on shapes and types the shared data does not cover.
/// </summary>
internal static class TestOnnxModels
{
    // TensorProto.DataType values.
    public const int Float = 1, UInt8 = 2, Int8 = 3, UInt16 = 4, Int16 = 5, Int32 = 6, Int64 = 7, String = 8, Bool = 9, Double = 11;

    /// <summary>One input per entry; output <c>{name}_out</c> is Identity(input). Dims of -1 are symbolic.</summary>
    public static byte[] Identity(params (string Name, int ElemType, long[] Dims)[] inputs) =>
        Model(("", 13), graph =>
        {
            foreach (var (name, _, _) in inputs)
            {
                graph.Message(1, node => node.String(1, name).String(2, name + "_out").String(3, "id_" + name).String(4, "Identity"));
            }

            graph.String(2, "identity");
            foreach (var (name, type, dims) in inputs)
            {
                graph.Message(11, v => ValueInfo(v, name, type, dims));
            }

            foreach (var (name, type, dims) in inputs)
            {
                graph.Message(12, v => ValueInfo(v, name + "_out", type, dims));
            }
        });

    /// <summary>
    /// A TreeEnsembleClassifier stump on input "features" float [-1, 2]: feature 0 &lt;= 0.5 gives class 0 with
    /// probabilities [1, 0], else class 1 with [0.3, 0.7] (ORT labels a binary ensemble positive when the class-1 score is above 0). Outputs "label" int64 [-1] and either
    /// "probabilities" float [-1, 2] or, with <paramref name="zipMap"/>, "output_probability" seq(map(int64, float)).
    /// </summary>
    public static byte[] Classifier(bool zipMap = false) =>
        Model(("ai.onnx.ml", 3), graph =>
        {
            graph.Message(1, node =>
            {
                node.String(1, "features").String(2, "label").String(2, "probabilities").String(3, "tree")
                    .String(4, "TreeEnsembleClassifier").String(7, "ai.onnx.ml");
                Ints(node, "nodes_treeids", 0, 0, 0);
                Ints(node, "nodes_nodeids", 0, 1, 2);
                Ints(node, "nodes_featureids", 0, 0, 0);
                Floats(node, "nodes_values", 0.5f, 0, 0);
                Strings(node, "nodes_modes", "BRANCH_LEQ", "LEAF", "LEAF");
                Ints(node, "nodes_truenodeids", 1, 0, 0);
                Ints(node, "nodes_falsenodeids", 2, 0, 0);
                Ints(node, "class_treeids", 0, 0, 0, 0);
                Ints(node, "class_nodeids", 1, 1, 2, 2);
                Ints(node, "class_ids", 0, 1, 0, 1);
                Floats(node, "class_weights", 1f, 0f, 0.3f, 0.7f);
                Ints(node, "classlabels_int64s", 0, 1);
                node.Message(5, a => a.String(1, "post_transform").String(4, "NONE").Varint(20, 3));
            });
            if (zipMap)
            {
                graph.Message(1, node =>
                {
                    node.String(1, "probabilities").String(2, "output_probability").String(3, "zipmap").String(4, "ZipMap").String(7, "ai.onnx.ml");
                    Ints(node, "classlabels_int64s", 0, 1);
                });
            }

            graph.String(2, "classifier");
            graph.Message(11, v => ValueInfo(v, "features", Float, [-1, 2]));
            graph.Message(12, v => ValueInfo(v, "label", Int64, [-1]));
            if (zipMap)
            {
                graph.Message(12, v => v.String(1, "output_probability").Message(2, t => t.Message(4, seq => seq.Message(1, elem =>
                    elem.Message(5, map => map.Varint(1, Int64).Message(2, value => value.Message(1, tensor => tensor.Varint(1, Float))))))));
            }
            else
            {
                graph.Message(12, v => ValueInfo(v, "probabilities", Float, [-1, 2]));
            }
        });

    /// <summary>
    /// One input per feature, as converted scikit-learn pipelines have: "a" float [-1, 1], "b" int64 [-1, 1] and, with
    /// <paramref name="text"/>, "c" string [-1, 1] (LabelEncoder: low = 100, high = 200, else 0). Output "value" float
    /// [-1, 1] = a + b (+ c's code): a regressor whose answer shows every input arrived with its type.
    /// </summary>
    public static byte[] PerFeatureRegressor(bool text = true) =>
        Model(("ai.onnx.ml", 3), graph =>
        {
            graph.Message(1, node => node.String(1, "b").String(2, "b_float").String(3, "cast_b").String(4, "Cast")
                .Message(5, a => a.String(1, "to").Varint(3, Float).Varint(20, 2)));
            if (text)
            {
                graph.Message(1, node =>
                {
                    node.String(1, "c").String(2, "c_code").String(3, "encode_c").String(4, "LabelEncoder").String(7, "ai.onnx.ml");
                    Strings(node, "keys_strings", "low", "high");
                    Floats(node, "values_floats", 100f, 200f);
                    node.Message(5, a => a.String(1, "default_float").Float(2, 0f).Varint(20, 1));
                });
            }

            graph.Message(1, node =>
            {
                node.String(1, "a").String(1, "b_float");
                if (text)
                {
                    node.String(1, "c_code");
                }

                node.String(2, "value").String(3, "sum").String(4, "Sum");
            });
            graph.String(2, "per_feature");
            graph.Message(11, v => ValueInfo(v, "a", Float, [-1, 1]));
            graph.Message(11, v => ValueInfo(v, "b", Int64, [-1, 1]));
            if (text)
            {
                graph.Message(11, v => ValueInfo(v, "c", String, [-1, 1]));
            }

            graph.Message(12, v => ValueInfo(v, "value", Float, [-1, 1]));
        });

    /// <summary>
    /// Input "X" float [-1, 4], output "variable" float [-1, 1]: feature 0, cast to an integer, looked up in a one-entry
    /// table. It loads and registers like any regressor, but ONNX Runtime fails the run (Gather index out of bounds) for
    /// every row whose first feature is not 0: a candidate that only breaks on real rows.
    /// </summary>
    public static byte[] FailsUnlessFirstFeatureIsZero() =>
        Model(("", 0), graph =>
        {
            graph.Message(1, node => node.String(1, "X").String(1, "first").String(2, "a").String(3, "column").String(4, "Gather")
                .Message(5, a => a.String(1, "axis").Varint(3, 1).Varint(20, 2)));
            graph.Message(1, node => node.String(1, "a").String(2, "a_int").String(3, "to_int").String(4, "Cast")
                .Message(5, a => a.String(1, "to").Varint(3, Int64).Varint(20, 2)));
            graph.Message(1, node => node.String(1, "table").String(1, "a_int").String(2, "variable").String(3, "lookup").String(4, "Gather"));
            graph.String(2, "fails_on_real_rows");
            graph.Message(5, t => t.Varint(1, 1).Varint(2, Int64).Varint(7, 0).String(8, "first"));
            graph.Message(5, t => t.Varint(1, 1).Varint(2, Float).Float(4, 0.5f).String(8, "table"));
            graph.Message(11, v => ValueInfo(v, "X", Float, [-1, 4]));
            graph.Message(12, v => ValueInfo(v, "variable", Float, [-1, 1]));
        });

    private static byte[] Model((string Domain, int Version) extraOpset, Action<ProtoWriter> graph)
    {
        var model = new ProtoWriter().Varint(1, 8).String(2, "serverless-tests");
        model.Message(8, o => o.String(1, "").Varint(2, 13));
        if (extraOpset.Domain.Length > 0)
        {
            model.Message(8, o => o.String(1, extraOpset.Domain).Varint(2, extraOpset.Version));
        }

        model.Message(7, graph);
        return model.ToArray();
    }

    private static void ValueInfo(ProtoWriter value, string name, int elemType, long[] dims) =>
        value.String(1, name).Message(2, type => type.Message(1, tensor =>
        {
            tensor.Varint(1, elemType);
            tensor.Message(2, shape =>
            {
                foreach (var dim in dims)
                {
                    shape.Message(1, d =>
                    {
                        if (dim < 0)
                        {
                            d.String(2, "N");
                        }
                        else
                        {
                            d.Varint(1, dim);
                        }
                    });
                }
            });
        }));

    private static void Ints(ProtoWriter node, string name, params long[] values) => node.Message(5, a =>
    {
        a.String(1, name).Varint(20, 7);
        foreach (var v in values)
        {
            a.Varint(8, v);
        }
    });

    private static void Floats(ProtoWriter node, string name, params float[] values) => node.Message(5, a =>
    {
        a.String(1, name).Varint(20, 6);
        foreach (var v in values)
        {
            a.Float(7, v);
        }
    });

    private static void Strings(ProtoWriter node, string name, params string[] values) => node.Message(5, a =>
    {
        a.String(1, name).Varint(20, 8);
        foreach (var v in values)
        {
            a.String(9, v);
        }
    });
}
