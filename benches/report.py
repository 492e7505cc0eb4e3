#!/usr/bin/env python3
"""Reads the output of `cargo bench --bench instructions` on stdin and prints, per case, the
instructions per request of each variant and the ratios against the bare route and the
headers written by hand (Markdown, as in BENCHMARKS.md)."""
import re
import sys

REQUESTS = 100  # benches/instructions.rs: REQUESTS
counts = {}
name = None
for line in sys.stdin:
    m = re.match(r"instructions::matrix::request (\w+?)_(bare|by_hand|cors_route|tower_http):", line)
    if m:
        name = (m.group(1), m.group(2))
        continue
    m = re.match(r"\s+Instructions:\s+(\d+)", line)
    if m and name:
        counts[name] = int(m.group(1)) / REQUESTS
        name = None

cases = []
for case, _ in counts:
    if case not in cases:
        cases.append(case)
print("| case | bare | by hand | cors_route! | vs by hand | tower-http | tower-http vs by hand |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for case in cases:
    get = lambda v: counts.get((case, v))
    bare, hand, ours, tower = get("bare"), get("by_hand"), get("cors_route"), get("tower_http")
    fmt = lambda x: f"{x:,.0f}" if x is not None else "n/a"
    ratio = lambda a, b: f"{a / b:.3f}x" if a is not None and b else "n/a"
    print(f"| {case} | {fmt(bare)} | {fmt(hand)} | {fmt(ours)} | {ratio(ours, hand)} | {fmt(tower)} | {ratio(tower, hand)} |")
