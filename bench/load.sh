#!/usr/bin/env bash
# Load check of the planning service, loopback only and bounded in time: POST /v1/plan (exact
# estimator) at 32 concurrent clients for DURATION (default 20s) after a 5 s warm-up, with wrk
# (Debian package 'wrk'). Prints requests per second, p50/p99 latency, the error count, and the
# server's resident memory before and after.
# Usage: bench/load.sh [DURATION=20s] [PORT=18099]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
duration="${1:-20s}"
port="${2:-18099}"
command -v wrk >/dev/null || { echo "load.sh needs wrk: apt-get install wrk" >&2; exit 1; }
./kstar --version >/dev/null
./kstar serve --host 127.0.0.1 --port "$port" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.5
done
rss() { awk '/VmRSS/ {printf "%.1f MiB", $2 / 1024}' "/proc/$pid/status"; }
echo "machine: $(nproc) cores, $(uname -m), $(java -version 2>&1 | sed -n 1p)"
echo "resident memory after start: $(rss)"
wrk -t2 -c32 -d5s -s bench/plan.lua "http://127.0.0.1:$port/v1/plan" >/dev/null
echo "resident memory after warm-up: $(rss)"
wrk -t2 -c32 -d"$duration" --latency -s bench/plan.lua "http://127.0.0.1:$port/v1/plan"
echo "resident memory after the run: $(rss)"
