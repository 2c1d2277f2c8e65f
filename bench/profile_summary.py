#!/usr/bin/env python3
"""Inclusive CPU share per frame of a dotnet-trace speedscope file (thread-time profile): only samples whose leaf is
CPU_TIME count, so threads blocked or idle do not dilute the shares. Usage: profile_summary.py FILE [top] [filter]."""
import collections
import json
import sys

data = json.load(open(sys.argv[1]))
top = int(sys.argv[2]) if len(sys.argv) > 2 else 60
only = sys.argv[3] if len(sys.argv) > 3 else None
frames = [f["name"] for f in data["shared"]["frames"]]
cpu = frames.index("CPU_TIME")
inclusive, total = collections.Counter(), 0.0
for profile in data["profiles"]:
    stack, last = [], None
    for event in profile["events"]:
        at = event["at"]
        if stack and last is not None and stack[-1] == cpu:
            total += at - last
            for frame in set(stack):
                inclusive[frame] += at - last
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack:
            stack.pop()
        last = at

print(f"CPU time sampled: {total / 1000:.1f} s")
shown = 0
for frame, time in inclusive.most_common():
    name = frames[frame]
    # Async plumbing frames repeat their callers' time; filter to what names real work.
    if "AsyncMethodBuilder" in name or "AsyncStateMachineBox" in name or ("MoveNext" in name and "Serverless" not in name):
        continue
    if only and only not in name:
        continue
    print(f"{100 * time / total:6.2f}%  {name[:150]}")
    shown += 1
    if shown >= top:
        break
