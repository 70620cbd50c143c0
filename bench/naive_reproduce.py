#!/usr/bin/env python3
"""The paper's Monte Carlo study run the way its reference code runs it: a Python loop over trials,
drawing every sample afresh for every k (no common random numbers), numpy for the draws, and, as in
the reference notebook, one pass over the grid per selector (accuracy-max, cube, Pareto/utopia), each
re-simulating every k with a generator seeded by seed + k, plus one re-simulation of the knee.

Reads kstar's embedded defaults (the same YAML files) and prints, per scenario and model, the number
of feasible k and the accuracy-max pick, so its work cannot be skipped. Used only as the baseline of
bench/speed.sh; it is not part of kstar.
"""
import math
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
RES = ROOT / "kstar-core" / "src" / "main" / "resources" / "kstar"


def simulate(m, k, P, trials, seed):
    rng = np.random.default_rng(seed)
    costs, lats, accs = [], [], []
    for _ in range(trials):
        lin = np.clip(rng.normal(m["mu_Lin"], m["sigma_Lin"], k), 1, 16 * m["mu_Lin"])
        lout = np.clip(rng.normal(m["mu_Lout"], m["sigma_Lout"], k), 1, 16 * lin)
        a = np.clip(rng.normal(m["acc_mean"], m["acc_std"], k), 0, 1)
        c = m["c_in"] * lin + m["c_out"] * lout
        t = m["t_in"] * lin + m["t_out"] * lout
        costs.append(c.sum())
        lats.append(math.ceil(k / P) * t.mean())
        accs.append(a.max())
    return float(np.mean(costs)), float(np.mean(lats)), float(np.mean(accs))


def main():
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    models = yaml.safe_load((RES / "paper-models.yaml").read_text())["models"]
    scenarios = yaml.safe_load((RES / "scenarios.yaml").read_text())["scenarios"]
    seed = 42
    for sname, s in scenarios.items():
        kmax = s.get("k_max", 128)
        cmax, tmax, amin = s["max_cost_usd"], s["max_latency_s"], s["min_accuracy"]
        for mid, m in models.items():
            P = m.get("default_parallel", 1)
            grid = range(P, kmax + 1, P)

            def feasible_points():
                out = []
                for k in grid:
                    c, t, a = simulate(m, k, P, trials, seed + k)
                    if c <= cmax and t <= tmax and a >= amin:
                        out.append((k, c, t, a))
                return out

            # pass 1: accuracy-max
            pts = feasible_points()
            acc_pick = max(pts, key=lambda p: p[3])[0] if pts else None
            # pass 2: cube
            pts = feasible_points()
            cube_pick = max(pts, key=lambda p: (1 - p[1] / cmax) * (1 - p[2] / tmax) * p[3])[0] if pts else None
            # pass 3: Pareto front, utopia and knee
            pts = feasible_points()
            front = [p for p in pts if not any(
                q[1] <= p[1] and q[2] <= p[2] and q[3] >= p[3] and (q[1] < p[1] or q[2] < p[2] or q[3] > p[3])
                for q in pts)]
            utopia_pick = min(front, key=lambda p: math.dist((p[1] / cmax, p[2] / tmax, 1 - p[3]), (0, 0, 0)))[0] if front else None
            knee_pick = None
            if len(front) >= 3:
                X = np.array([[p[1] / cmax, p[2] / tmax, p[3]] for p in front])
                kappa = []
                for i in range(1, len(X) - 1):
                    d1 = (X[i + 1] - X[i - 1]) / 2
                    d2 = X[i + 1] - 2 * X[i] + X[i - 1]
                    n = np.linalg.norm(d1)
                    kappa.append(np.linalg.norm(np.cross(d1, d2)) / n ** 3 if n > 0 else -1)
                knee_pick = front[1 + int(np.argmax(kappa))][0]
                simulate(m, knee_pick, P, trials, seed + knee_pick)  # the knee's statistics, re-simulated
            print(f"{sname:18s} {mid:28s} feasible={len(pts):3d} picks={acc_pick},{cube_pick},{utopia_pick},{knee_pick}")


if __name__ == "__main__":
    main()
