#!/usr/bin/env python3
"""Summarises the execution samples of a JFR recording: share of samples by top frame's package, by the
first Ferry method on the stack, and by the top frame. Usage: jfr_top.py JFR_TOOL RECORDING"""
import collections
import json
import subprocess
import sys

out = subprocess.run([sys.argv[1], "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", sys.argv[2]],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]
by_package, by_ferry, by_top = collections.Counter(), collections.Counter(), collections.Counter()
for e in events:
    frames = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in e["values"]["stackTrace"]["frames"]]
    if not frames:
        continue
    by_top[frames[0]] += 1
    by_package[frames[0].rsplit(".", 2)[0]] += 1
    ferry = next((f for f in frames if f.startswith("dev.ferry")), "(no Ferry frame)")
    by_ferry[ferry] += 1
n = sum(by_top.values())
for title, counter in (("top frame's package", by_package), ("first Ferry method on the stack", by_ferry), ("top frame", by_top)):
    print(f"== {title} ({n} samples)")
    for k, v in counter.most_common(20):
        print(f"{100 * v / n:5.1f}%  {k}")
