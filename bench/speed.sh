#!/usr/bin/env bash
# Times the paper's Monte Carlo study as whole processes, side by side, and prints medians and the ratio:
#   baseline: bench/naive_reproduce.py (a Python loop over trials, fresh draws for every k, numpy)
#   kstar:    ./kstar reproduce --estimator monte-carlo --trials N   (JVM start included)
# Usage: bench/speed.sh [TRIALS=300] [KSTAR_RUNS=7] [BASELINE_RUNS=3]
# Needs python3 with numpy and PyYAML for the baseline.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
trials="${1:-300}"
kruns="${2:-7}"
pruns="${3:-3}"
cd "$root"
./kstar --version >/dev/null   # build and record the CDS archive outside the timings

time_runs() { # n, command...
  local n=$1; shift
  for _ in $(seq "$n"); do
    local s e
    s=$(date +%s.%N)
    "$@" >/dev/null
    e=$(date +%s.%N)
    echo "$s $e" | awk '{printf "%.4f\n", $2 - $1}'
  done
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

ktimes=$(time_runs "$kruns" ./kstar reproduce --estimator monte-carlo --trials "$trials")
ptimes=$(time_runs "$pruns" python3 bench/naive_reproduce.py "$trials")
etimes=$(time_runs "$kruns" ./kstar reproduce)
km=$(echo "$ktimes" | median)
pm=$(echo "$ptimes" | median)
em=$(echo "$etimes" | median)
echo "machine: $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -1)"
echo "trials: $trials; runs: kstar $kruns, baseline $pruns"
echo "baseline python loop        median ${pm} s   (runs: $(echo $ptimes))"
echo "kstar monte-carlo           median ${km} s   (runs: $(echo $ktimes))"
echo "kstar exact                 median ${em} s   (runs: $(echo $etimes))"
awk -v p="$pm" -v k="$km" -v e="$em" 'BEGIN {printf "ratio baseline / kstar monte-carlo: %.1fx\nratio baseline / kstar exact:       %.1fx\n", p / k, p / e}'
