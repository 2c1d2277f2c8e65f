#!/usr/bin/env python3
"""Per-request CPU of the local host by part of the pipeline, predict vs bare, from two `perf script` dumps.

Usage: perf_split.py BARE.script BARE_REQUESTS PREDICT.script PREDICT_REQUESTS
Each sample is put in the first matching part by the frames of its stack (JIT frames are named from the
perf map the runtime writes with DOTNET_PerfMapEnabled=1), then counted as 1/999 s of CPU."""
import collections
import re
import sys

PARTS = [  # (part, test on the whole stack text or the leaf); first match wins
    ("monitoring (recorder, windows)", lambda t, l: "Serverless.Core.Monitoring" in t and "PredictionLog" not in t),
    ("prediction log (Table writes)", lambda t, l: "PredictionLog" in t or "Azure.Data.Tables" in t),
    ("onnx runtime (native + wrapper)", lambda t, l: "libonnxruntime" in l or "OnnxRuntime" in t),
    ("parse records", lambda t, l: "RecordRequestReader" in t or "FeatureEncoder" in t),
    ("write predictions", lambda t, l: "PredictionWriter" in t or "RecordScorer::Write" in t),
    ("handler glue (Serverless.*)", lambda t, l: "Serverless." in t),
    ("storage/durable background", lambda t, l: "Azure." in t or "DurableTask" in t),
    ("kernel (sockets, scheduler)", lambda t, l: "[kernel" in l),
    ("kestrel and asp.net core", lambda t, l: "Kestrel" in t or "AspNetCore" in t),
    ("runtime (coreclr, gc, jit)", lambda t, l: "libcoreclr" in l or "libclrjit" in l),
    ("other (corelib, libc)", lambda t, l: True),
]


def split(path, requests):
    counts = collections.Counter()
    for sample in open(path).read().split("\n\n"):
        lines = [line for line in sample.strip().split("\n") if line.strip()]
        if len(lines) < 2:
            continue
        frames = [re.sub(r"^\s*[0-9a-f]+\s+", "", f) for f in lines[1:]]
        text, leaf = " ".join(frames), frames[0]
        counts[next(name for name, test in PARTS if test(text, leaf))] += 1
    return {name: counts[name] * 1e6 / 999 / requests for name, _ in PARTS}


bare, predict = split(sys.argv[1], float(sys.argv[2])), split(sys.argv[3], float(sys.argv[4]))
print(f"{'part':34s} {'bare us/req':>12s} {'predict us/req':>15s} {'difference':>11s}")
for name, _ in PARTS:
    print(f"{name:34s} {bare[name]:12.2f} {predict[name]:15.2f} {predict[name] - bare[name]:11.2f}")
print(f"{'total host CPU':34s} {sum(bare.values()):12.2f} {sum(predict.values()):15.2f} {sum(predict.values()) - sum(bare.values()):11.2f}")
