#!/usr/bin/env bash
# Load check of the planning service, loopback only and bounded in time: POST /v1/plan (exact
# estimator) at 32 concurrent clients for DURATION (default 20s) after a 5 s warm-up, with wrk
# (Debian package 'wrk'). Prints requests per second, p50/p99 latency, the error count, and the
# server's resident memory before and after. The server runs as in production: a bearer token
# (--token-file), Prometheus metrics and the access log (sent to /dev/null) are on.
# Two runs: the whole answer, then with "points": false.
# Usage: bench/load.sh [DURATION=20s] [PORT=18099]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
duration="${1:-20s}"
port="${2:-18099}"
command -v wrk >/dev/null || { echo "load.sh needs wrk: apt-get install wrk" >&2; exit 1; }
./kstar --version >/dev/null
token_file="$(mktemp)"
head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$token_file"
export KSTAR_TOKEN="$(cat "$token_file")"
./kstar serve --host 127.0.0.1 --port "$port" --token-file "$token_file" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$token_file"' EXIT
for _ in $(seq 60); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.5
done
rss() { awk '/VmRSS/ {printf "%.1f MiB", $2 / 1024}' "/proc/$pid/status"; }
echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d " " -f 1-3 /proc/loadavg)"
echo "server runs on: $("$(KSTAR_PRINT_RUNTIME=1 ./kstar)" -version 2>&1 | sed -n 1p)"
echo "auth: bearer token on; metrics on; access log on (to /dev/null)"
echo "resident memory after start: $(rss)"
wrk -t2 -c32 -d5s -s bench/plan.lua "http://127.0.0.1:$port/v1/plan" >/dev/null
echo "resident memory after warm-up: $(rss)"
echo "== the whole answer (every grid point)"
wrk -t2 -c32 -d"$duration" --latency -s bench/plan.lua "http://127.0.0.1:$port/v1/plan"
echo "resident memory after the run: $(rss)"
echo "== \"points\": false (the picks, baselines and feasible ks)"
KSTAR_PLAN_POINTS=false wrk -t2 -c32 -d"$duration" --latency -s bench/plan.lua "http://127.0.0.1:$port/v1/plan"
echo "resident memory after the second run: $(rss)"
echo "requests counted by /metrics: $(curl -sf -H "Authorization: Bearer $KSTAR_TOKEN" "http://127.0.0.1:$port/metrics" \
  | awk -F' ' '/^kstar_http_requests_seconds_count\{.*route="\/v1\/plan".*status="200"/ {s += $2} END {printf "%d", s}')"
