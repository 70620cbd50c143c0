#!/usr/bin/env bash
# Load check of the planning service, loopback only and bounded in time: POST /v1/plan (exact
# estimator) at 32 concurrent clients for DURATION (default 20s) after WARMUP of the same load (default
# 40s: the JIT compiles for about 30 s before the answers settle; BENCHMARKS.md), with wrk
# (Debian package 'wrk'). Prints requests per second, p50/p99 latency, the error count, and the
# server's resident memory before and after. The server runs as in production: a bearer token
# (--token-file), Prometheus metrics and the access log (sent to /dev/null) are on.
# Two runs: the whole answer, then with "points": false. Each run also prints where the CPU went: the
# server's and wrk's CPU seconds (/proc and /usr/bin/time), the server's CPU time per request, and how
# many cores that per-request cost would need at 10 000 requests/s (the goal of issue #15).
# Usage: bench/load.sh [DURATION=20s] [PORT=18099] [WARMUP=40s]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
duration="${1:-20s}"
port="${2:-18099}"
warmup="${3:-40s}"
command -v wrk >/dev/null || { echo "load.sh needs wrk: apt-get install wrk" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "load.sh needs /usr/bin/time: apt-get install time" >&2; exit 2; }
# shellcheck source=bench/serve.sh
source bench/serve.sh
start_service "$port" load.sh
rss() { awk '/VmRSS/ {printf "%.1f MiB", $2 / 1024}' "/proc/$pid/status"; }
hz="$(getconf CLK_TCK)"
cpu_of_server() { awk -v hz="$hz" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$pid/stat"; } # user + system seconds
wrk_out="$(mktemp)"
wrk_cpu="$(mktemp)"
cleanup+=("$wrk_out" "$wrk_cpu")
measured() { # wrk arguments...: runs wrk, prints its report and the CPU accounting of the run
  local before after
  before="$(cpu_of_server)"
  /usr/bin/time -f '%U %S %e' -o "$wrk_cpu" wrk "$@" > "$wrk_out"
  after="$(cpu_of_server)"
  cat "$wrk_out"
  awk -v b="$before" -v a="$after" -v n="$(nproc)" '
    FNR == NR && /^Requests\/sec:/ {rps = $2}
    FNR == NR && / requests in / {reqs = $1}
    FNR != NR {wu = $1 + $2; wall = $3}
    END {
      server = a - b
      printf "cpu: server %.2f s (%.2f cores), wrk %.2f s (%.2f cores) over %.1f s; %d cores in all\n", server, server / wall, wu, wu / wall, wall, n
      if (reqs > 0) {
        per = server / reqs * 1e6
        printf "cpu: server %.0f us per request; at that cost 10000 requests/s need %.1f cores for the server alone\n", per, per * 10000 / 1e6
      }
    }' "$wrk_out" "$wrk_cpu"
}
echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d " " -f 1-3 /proc/loadavg)"
echo "server runs on: $("$(KSTAR_PRINT_RUNTIME=1 ./kstar)" -version 2>&1 | sed -n 1p)"
echo "auth: bearer token on; metrics on; access log on (to /dev/null)"
echo "resident memory after start: $(rss)"
warm_cpu="$(cpu_of_server)"
wrk -t2 -c32 -d"$warmup" -s bench/plan.lua "http://127.0.0.1:$port/v1/plan" >/dev/null
echo "warm-up: $warmup of the same load (server cpu $(awk -v a="$(cpu_of_server)" -v b="$warm_cpu" 'BEGIN {printf "%.1f", a - b}') s)"
echo "resident memory after warm-up: $(rss)"
echo "== the whole answer (every grid point)"
measured -t2 -c32 -d"$duration" --latency -s bench/plan.lua "http://127.0.0.1:$port/v1/plan"
echo "resident memory after the run: $(rss)"
echo "== \"points\": false (the picks, baselines and feasible ks)"
KSTAR_PLAN_POINTS=false measured -t2 -c32 -d"$duration" --latency -s bench/plan.lua "http://127.0.0.1:$port/v1/plan"
echo "resident memory after the second run: $(rss)"
echo "requests counted by /metrics: $(curl -sf -H "Authorization: Bearer $KSTAR_TOKEN" "http://127.0.0.1:$port/metrics" \
  | awk -F' ' '/^kstar_http_requests_seconds_count\{.*route="\/v1\/plan".*status="200"/ {s += $2} END {printf "%d", s}')"
