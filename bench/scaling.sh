#!/usr/bin/env bash
# Monte Carlo scaling: wall time and peak resident memory of whole runs of
#   ./kstar curve --model gpt5 --estimator monte-carlo --trials T --k-max K (batch grid, P = 4, all cores)
# for T in TRIALS and K in KMAXES; prints ns per sample (time / (T·K)) to show work linear in
# trials × k_max, and peak memory to show it flat in trials.
# The JVM runs with a small young generation (KSTAR_JAVA_OPTS, default -Xmn16m) so that resident memory
# shows what is retained rather than how far the allocator ran ahead of the collector.
# Usage: bench/scaling.sh ["1000 10000 100000 1000000"] ["128 512 1024 4096"]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
trials_list="${1:-1000 10000 100000 1000000}"
kmax_list="${2:-128 512 1024 4096}"
export KSTAR_JAVA_OPTS="${KSTAR_JAVA_OPTS:--Xmn16m}"
./kstar --version >/dev/null
echo "machine: $(nproc) cores, $(uname -m), $(java -version 2>&1 | sed -n 1p); KSTAR_JAVA_OPTS=$KSTAR_JAVA_OPTS"
printf "%10s %6s %10s %14s %12s\n" trials k_max seconds ns_per_sample peak_MiB
for k in $kmax_list; do
  for t in $trials_list; do
    if ! out=$( { /usr/bin/time -f "%e %M" ./kstar curve --model gpt5 --estimator monte-carlo --trials "$t" \
        --k-max "$k" --format csv >/dev/null; } 2>&1 | tail -n 1); then
      printf "%10d %6d  refused or failed (see ./kstar curve ... --trials %d --k-max %d)\n" "$t" "$k" "$t" "$k"
      continue
    fi
    secs=${out% *}
    kb=${out#* }
    awk -v t="$t" -v k="$k" -v s="$secs" -v m="$kb" \
      'BEGIN {printf "%10d %6d %10.2f %14.2f %12.1f\n", t, k, s, s * 1e9 / (t * k), m / 1024}'
  done
done
