#!/usr/bin/env python3
"""Writes sample-log.jsonl: a synthetic per-sample log with known parameters, for the
calibrate-then-plan walk-through in docs/calibration.md and for checking that kstar recovers what generated it.

Known parameters: 300 questions x 8 samples; question difficulty p ~ Beta(1.5, 0.5); prompt tokens
N(600, 60) per question; output tokens N(1500, 300) per sample (at least 1); latency
0.0003 s x input + 0.012 s x output + N(0, 0.5) s (at least 0); cost $0.20 / $0.80 per million input /
output tokens; correct ~ Bernoulli(p). Two deliberately bad records (lines 7 and 1203) show --skip-bad.
Standard library only; seeded, so the file is the same on every run.
"""
import json
import random

rng = random.Random(20261128)
lines = []
for q in range(300):
    p = rng.betavariate(1.5, 0.5)
    prompt = max(1, round(rng.gauss(600, 60)))
    for s in range(8):
        out = max(1, round(rng.gauss(1500, 300)))
        latency = max(0.0, 0.0003 * prompt + 0.012 * out + rng.gauss(0, 0.5))
        cost = 0.20e-6 * prompt + 0.80e-6 * out
        lines.append(json.dumps({"question": f"q{q:03d}", "model": "my-model", "input_tokens": prompt,
                                 "output_tokens": out, "latency_s": round(latency, 3),
                                 "cost_usd": round(cost, 9), "correct": rng.random() < p}))
lines.insert(6, json.dumps({"question": "q000", "model": "my-model", "input_tokens": 600, "output_tokens": 1400,
                            "latency_s": 17.0}))
lines.insert(1202, json.dumps({"question": "q150", "model": "my-model", "input_tokens": 600, "output_tokens": 1400,
                               "latency_s": -3, "correct": True}))
with open("sample-log.jsonl", "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"wrote sample-log.jsonl: {len(lines)} lines")
