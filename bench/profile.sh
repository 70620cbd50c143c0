#!/usr/bin/env bash
# Where the time goes, with async-profiler (Maven Central: tools.profiler:async-profiler, fetched once
# into kstar-cli/target/async-profiler through Maven; Linux x64 or arm64). CPU samples (itimer) grouped
# into the categories BENCHMARKS.md quotes, by bench/profile_categories.py.
#   bench/profile.sh start [RUNS=8] COMMAND...   a short command, RUNS whole processes through ./kstar,
#                                                 e.g. bench/profile.sh start 8 plan --model gpt5 --scenario balanced
#   bench/profile.sh service [SECONDS=10] [WARMUP=40]
#                                                 the service under bench/load.sh's load (POST /v1/plan, 32
#                                                 clients), profiled for SECONDS after WARMUP seconds of the same
#                                                 load (the JIT compiles for about 30 s before answers settle)
# Output: a table of categories (share of the samples), then the hottest frames. The raw collapsed stacks
# stay in kstar-cli/target/profile/ (flame-graph input). The timer signal (itimer) ticks at the kernel's
# rate (every 4 ms at 250 Hz), so a command as short as --version needs many RUNS to collect samples.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode="${1:-}"
shift || true
usage="usage: bench/profile.sh start [RUNS] COMMAND... | bench/profile.sh service [SECONDS] [WARMUP]"
case "$mode" in
  start) [ $# -gt 0 ] || { echo "$usage" >&2; exit 2; } ;;
  service) ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
version=4.0
dir="$root/kstar-cli/target/async-profiler"
case "$(uname -m)" in
  x86_64) arch=linux-x64 ;;
  aarch64) arch=linux-arm64 ;;
  *) echo "profile.sh: async-profiler has no build for $(uname -m)" >&2; exit 2 ;;
esac
lib="$dir/$arch/libasyncProfiler.so"
if [ ! -f "$lib" ]; then
  mkdir -p "$dir"
  mvn -B -q -N -Dstyle.color=never dependency:copy -Dartifact="tools.profiler:async-profiler:$version" \
    -DoutputDirectory="$dir" >&2
  (cd "$dir" && unzip -q -o "async-profiler-$version.jar" "$arch/libasyncProfiler.so")
fi
out="$root/kstar-cli/target/profile"
mkdir -p "$out"
rm -f "$out"/*.collapsed

case "$mode" in
  start)
    runs=8
    if [[ "${1:-}" =~ ^[0-9]+$ ]]; then runs="$1"; shift; fi
    [ $# -gt 0 ] || { echo "$usage" >&2; exit 2; }
    ./kstar --version >/dev/null # build and record the start-up caches outside the profile
    ./kstar "$@" >/dev/null
    for i in $(seq "$runs"); do
      KSTAR_JAVA_OPTS="-agentpath:$lib=start,event=itimer,interval=1ms,file=$out/run$i.collapsed,collapsed,threads" \
        ./kstar "$@" >/dev/null
    done
    echo "profile: ./kstar $* ($runs runs, $("$(KSTAR_PRINT_RUNTIME=1 ./kstar)" -version 2>&1 | sed -n 1p))"
    python3 bench/profile_categories.py start "$out"/run*.collapsed
    ;;
  service)
    seconds="${1:-10}"
    warmup="${2:-40}"
    command -v wrk >/dev/null || { echo "profile.sh service needs wrk: apt-get install wrk" >&2; exit 2; }
    port=18098
    java_bin="$(KSTAR_PRINT_RUNTIME=1 ./kstar)"
    jcmd="$(dirname "$java_bin")/jcmd"
    [ -x "$jcmd" ] || jcmd=jcmd
    # shellcheck source=bench/serve.sh
    source bench/serve.sh
    start_service "$port" profile.sh
    wrk -t2 -c32 -d"${warmup}s" -s bench/plan.lua "http://127.0.0.1:$port/v1/plan" >/dev/null
    # jcmd reads name=value pairs from its arguments: the agent's options go in quotes
    "$jcmd" "$pid" JVMTI.agent_load "$lib" "\"start,event=itimer,interval=1ms\"" >/dev/null
    wrk -t2 -c32 -d"${seconds}s" -s bench/plan.lua "http://127.0.0.1:$port/v1/plan" | grep -E 'Requests/sec|errors'
    "$jcmd" "$pid" JVMTI.agent_load "$lib" "\"stop,file=$out/service.collapsed,collapsed\"" >/dev/null
    echo "profile: POST /v1/plan, 32 clients, ${seconds} s after a ${warmup} s warm-up ($("$java_bin" -version 2>&1 | sed -n 1p))"
    python3 bench/profile_categories.py service "$out/service.collapsed"
    ;;
esac
