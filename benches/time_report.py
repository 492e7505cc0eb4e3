#!/usr/bin/env python3
"""Prints the medians criterion saved for `cargo bench --bench time` (target/criterion) as the
wall-time table of BENCHMARKS.md, with each variant's ratio to the headers written by hand."""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"
CASES = ["allowed_get", "allowed_preflight", "refused_origin", "refused_preflight", "no_origin",
         "hostile_preflight", "hundred_origins", "pattern_origin", "per_method"]
VARIANTS = ["bare", "by_hand", "cors_route", "tower_http"]


def median(case, variant):
    path = ROOT / case / variant / "new" / "estimates.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())["median"]["point_estimate"]


def show(ns):
    return "n/a" if ns is None else (f"{ns:,.0f} ns" if ns < 10_000 else f"{ns / 1000:,.1f} µs")


print("| case | bare | by hand | cors_route! | vs by hand | tower-http | tower-http vs by hand |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for case in CASES:
    bare, hand, ours, tower = (median(case, v) for v in VARIANTS)
    ratio = lambda a, b: f"{a / b:.2f}x" if a and b else "n/a"
    print(f"| {case} | {show(bare)} | {show(hand)} | {show(ours)} | {ratio(ours, hand)} | {show(tower)} | {ratio(tower, hand)} |")
