#!/usr/bin/env bash
# compare at catalog scale: wall time and peak resident memory of whole runs of
#   ./kstar compare --models CATALOG --scenario balanced --format json   (exact estimator, batch grid, P = 4)
# on synthetic catalogs of N models (prices, speeds, lengths and quality drawn with a fixed seed around the
# paper's nine), and the scaling exponent between consecutive sizes: log(t2 / t1) / log(n2 / n1).
# Usage: bench/compare_scale.sh ["500 1000 2000 5000"]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sizes="${1:-500 1000 2000 5000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./kstar --version >/dev/null
echo "machine: $(nproc) cores, $(uname -m), $(java -version 2>&1 | sed -n 1p); KSTAR_JAVA_OPTS=${KSTAR_JAVA_OPTS:-}"
printf "%8s %10s %10s %10s\n" models seconds peak_MiB exponent
prev_n=""
prev_t=""
for n in $sizes; do
  python3 - "$n" "$work/cat$n.json" <<'PY'
import json, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
r = random.Random(1)
models = {}
for i in range(n):
    models[f"m{i}"] = dict(c_in=1e-6 * r.uniform(0.1, 5), c_out=4e-6 * r.uniform(0.1, 5), t_in=2e-4,
                           t_out=r.uniform(0.002, 0.02), mu_Lin=800, sigma_Lin=100, mu_Lout=r.uniform(500, 3000),
                           sigma_Lout=200, acc_mean=r.uniform(0.5, 0.95), acc_std=r.uniform(0.01, 0.1),
                           default_parallel=4)
json.dump({"models": models}, open(path, "w"))
PY
  out=$( { /usr/bin/time -f "%e %M" ./kstar compare --models "$work/cat$n.json" --scenario balanced --format json \
      >/dev/null; } 2>&1 | tail -n 1)
  secs=${out% *}
  kb=${out#* }
  awk -v n="$n" -v s="$secs" -v m="$kb" -v pn="$prev_n" -v pt="$prev_t" 'BEGIN {
    e = (pn == "") ? "-" : sprintf("%.2f", log(s / pt) / log(n / pn));
    printf "%8d %10.2f %10.1f %10s\n", n, s, m / 1024, e }'
  prev_n=$n
  prev_t=$secs
done
