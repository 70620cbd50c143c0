#!/usr/bin/env python3
"""The paper's Monte Carlo study written the way a competent numpy user would write it: the fair
baseline of bench/speed.sh (bench/naive_reproduce.py is the reference notebook's per-trial loop).

- common random numbers: one (trials, k_max) array per quantity and model, drawn once and shared by
  every k and every scenario (each k's samples are the first k columns);
- running statistics by cumulative sums and maxima along k, then one mean over trials per column;
- every selector vectorised over the grid (accuracy-max, cube, Pareto front by broadcasting, utopia,
  knee curvature with np.cross).

Reads kstar's embedded defaults (the same YAML files) and prints, per scenario and model, the number
of feasible k and the four picks, like naive_reproduce.py. Not part of kstar.
"""
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
RES = ROOT / "kstar-core" / "src" / "main" / "resources" / "kstar"


def curves(m, trials, kmax, P, rng):
    """Mean cost, latency and accuracy of best-of-k for k = 1..kmax, from one set of draws."""
    lin = np.clip(rng.normal(m["mu_Lin"], m["sigma_Lin"], (trials, kmax)), 1, 16 * m["mu_Lin"])
    lout = np.clip(rng.normal(m["mu_Lout"], m["sigma_Lout"], (trials, kmax)), 1, 16 * lin)
    acc = np.clip(rng.normal(m["acc_mean"], m["acc_std"], (trials, kmax)), 0, 1)
    k = np.arange(1, kmax + 1)
    cost = np.cumsum(m["c_in"] * lin + m["c_out"] * lout, axis=1).mean(axis=0)
    time_per_sample = np.cumsum(m["t_in"] * lin + m["t_out"] * lout, axis=1).mean(axis=0) / k
    latency = np.ceil(k / P) * time_per_sample
    accuracy = np.maximum.accumulate(acc, axis=1).mean(axis=0)
    return cost, latency, accuracy


def picks(ks, c, t, a, cmax, tmax):
    """accuracy-max, cube, utopia and knee over the feasible points (arrays in grid order)."""
    if len(ks) == 0:
        return None, None, None, None, 0
    acc_pick = ks[np.argmax(a)]
    cube_pick = ks[np.argmax((1 - c / cmax) * (1 - t / tmax) * a)]
    # q dominates p: no worse in all three, better in one
    le = (c[:, None] <= c[None, :]) & (t[:, None] <= t[None, :]) & (a[:, None] >= a[None, :])
    lt = (c[:, None] < c[None, :]) | (t[:, None] < t[None, :]) | (a[:, None] > a[None, :])
    on_front = ~(le & lt).any(axis=0)
    fk, fc, ft, fa = ks[on_front], c[on_front], t[on_front], a[on_front]
    utopia_pick = fk[np.argmin(np.hypot(np.hypot(fc / cmax, ft / tmax), 1 - fa))]
    knee_pick = None
    if len(fk) >= 3:
        X = np.column_stack((fc / cmax, ft / tmax, fa))
        d1 = (X[2:] - X[:-2]) / 2
        d2 = X[2:] - 2 * X[1:-1] + X[:-2]
        n = np.linalg.norm(d1, axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            kappa = np.where(n > 0, np.linalg.norm(np.cross(d1, d2), axis=1) / n ** 3, -1)
        knee_pick = fk[1 + int(np.argmax(kappa))]
    return acc_pick, cube_pick, utopia_pick, knee_pick, on_front.sum()


def main():
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    models = yaml.safe_load((RES / "paper-models.yaml").read_text())["models"]
    scenarios = yaml.safe_load((RES / "scenarios.yaml").read_text())["scenarios"]
    kmax_all = max(s.get("k_max", 128) for s in scenarios.values())
    rng = np.random.default_rng(42)
    per_model = {}
    for mid, m in models.items():
        P = m.get("default_parallel", 1)
        per_model[mid] = (P, curves(m, trials, kmax_all, P, rng))
    for sname, s in scenarios.items():
        kmax = s.get("k_max", 128)
        cmax, tmax, amin = s["max_cost_usd"], s["max_latency_s"], s["min_accuracy"]
        for mid in models:
            P, (cost, latency, accuracy) = per_model[mid]
            ks = np.arange(P, kmax + 1, P)
            c, t, a = cost[ks - 1], latency[ks - 1], accuracy[ks - 1]
            feasible = (c <= cmax) & (t <= tmax) & (a >= amin)
            acc_pick, cube_pick, utopia_pick, knee_pick, _ = picks(ks[feasible], c[feasible], t[feasible],
                                                                 a[feasible], cmax, tmax)
            print(f"{sname:18s} {mid:28s} feasible={feasible.sum():3d} picks={acc_pick},{cube_pick},{utopia_pick},{knee_pick}")


if __name__ == "__main__":
    main()
