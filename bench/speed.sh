#!/usr/bin/env bash
# Whole-process timings, side by side and interleaved (every round runs each command once, so the
# machine's load falls on all of them alike), with medians and ratios:
#   numpy vectorised  bench/vectorised_reproduce.py N   (common random numbers, cumulative sums/maxima)
#   python loop       bench/naive_reproduce.py N        (the reference notebook's per-trial loop; slow,
#                                                        so it runs LOOP_RUNS times, 0 to leave it out)
#   kstar             ./kstar reproduce --estimator monte-carlo --trials N, ./kstar reproduce (exact)
#   start-up          a Java hello-world started the way the launcher starts kstar (same java, same
#                     flags, its own start-up cache), against ./kstar --version, plan and curve
# Usage: bench/speed.sh [TRIALS=300] [ROUNDS=11] [LOOP_RUNS=1]
# Needs python3 with numpy and PyYAML for the baselines, javac for the hello-world, and /usr/bin/time
# (Debian package 'time').
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
trials="${1:-300}"
rounds="${2:-11}"
loop_runs="${3:-1}"
cd "$root"
./kstar --version >/dev/null   # build and record the start-up caches (light, full) outside the timings
./kstar models >/dev/null

# the hello-world, on the launcher's java with the launcher's flags for a short command
java_bin="$(KSTAR_PRINT_RUNTIME=1 ./kstar)"
hello="$root/kstar-cli/target/hello"
mkdir -p "$hello"
if [ ! -f "$hello/hello.jar" ]; then # a jar: start-up caches hold classes from jars only
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$hello/Hello.java"
  javac --release 17 -d "$hello" "$hello/Hello.java"
  jar cf "$hello/hello.jar" -C "$hello" Hello.class
fi
flags=(-Djava.awt.headless=true -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
# its start-up cache, one per runtime like the launcher's (a cache from another JDK would be ignored)
tag="${java_bin//[!A-Za-z0-9.]/_}"
if "$java_bin" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCache '; then
  cache="$hello/hello-$tag.aot"
  [ -f "$cache" ] || "$java_bin" "${flags[@]}" -XX:AOTCacheOutput="$cache" -cp "$hello/hello.jar" Hello >/dev/null 2>&1 || true
  [ -f "$cache" ] && flags+=(-XX:AOTCache="$cache" -Xlog:aot=off)
else
  cache="$hello/hello-$tag.jsa"
  [ -f "$cache" ] || "$java_bin" "${flags[@]}" -XX:ArchiveClassesAtExit="$cache" -cp "$hello/hello.jar" Hello >/dev/null 2>&1 || true
  [ -f "$cache" ] && flags+=(-XX:SharedArchiveFile="$cache" -Xlog:cds=off)
fi

names=(hello version plan curve kstar_mc kstar_exact numpy)
cmd_hello=("$java_bin" "${flags[@]}" -cp "$hello/hello.jar" Hello)
cmd_version=(./kstar --version)
cmd_plan=(./kstar plan --model gpt5 --scenario balanced)
cmd_curve=(./kstar curve --model gpt5-nano --k-max 32)
cmd_kstar_mc=(./kstar reproduce --estimator monte-carlo --trials "$trials")
cmd_kstar_exact=(./kstar reproduce)
cmd_numpy=(python3 bench/vectorised_reproduce.py "$trials")
cmd_loop=(python3 bench/naive_reproduce.py "$trials")

declare -A times cpus
tfile="$(mktemp)"
trap 'rm -f "$tfile"' EXIT
run_once() { # name: wall seconds into times[name], user+system CPU seconds into cpus[name]
  local -n c="cmd_$1"
  local start="$EPOCHREALTIME" end
  /usr/bin/time -f '%e %U %S' -o "$tfile" "${c[@]}" >/dev/null
  end="$EPOCHREALTIME"
  # wall from bash's microsecond clock (time's %e has 10 ms steps, coarse beside a 30 ms hello-world)
  times[$1]+="$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.3f", e - s}') "
  cpus[$1]+="$(awk '{printf "%.3f", $2 + $3}' "$tfile") "
}
for _ in $(seq "$rounds"); do
  for n in "${names[@]}"; do run_once "$n"; done
done
for _ in $(seq "$loop_runs"); do run_once loop; done

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A med cmed
for n in "${names[@]}" loop; do
  if [ -n "${times[$n]:-}" ]; then
    med[$n]=$(echo "${times[$n]}" | median)
    cmed[$n]=$(echo "${cpus[$n]}" | median)
  fi
done
echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo "kstar runs on: $("$java_bin" -version 2>&1 | sed -n 1p) ($java_bin)"
echo "trials: $trials; rounds: $rounds (interleaved); python loop runs: $loop_runs"
echo "wall = whole process, as a user waits; cpu = user + system seconds (less sensitive to other load)"
row() { printf '%-44s wall %7.3f s  cpu %7.3f s   (wall runs: %s)\n' "$1" "${med[$2]}" "${cmed[$2]}" "${times[$2]}"; }
row "numpy vectorised baseline" numpy
if [ -n "${med[loop]:-}" ]; then row "python loop baseline (reference notebook)" loop; fi
row "kstar reproduce --estimator monte-carlo" kstar_mc
row "kstar reproduce (exact)" kstar_exact
row "java hello-world (same java and flags)" hello
row "kstar --version" version
row "kstar plan --model gpt5 --scenario balanced" plan
row "kstar curve --model gpt5-nano --k-max 32" curve
ratio() { # label, a, b: median a / median b, wall and cpu
  awk -v a="${med[$2]}" -v b="${med[$3]}" -v ca="${cmed[$2]}" -v cb="${cmed[$3]}" -v l="$1" \
    'BEGIN {printf "%-52s wall %6.2fx   cpu %6.2fx\n", l, a / b, ca / cb}'
}
ratio "numpy vectorised / kstar monte-carlo (goal >= 2):" numpy kstar_mc
ratio "numpy vectorised / kstar exact:" numpy kstar_exact
if [ -n "${med[loop]:-}" ]; then ratio "python loop / kstar monte-carlo:" loop kstar_mc; fi
ratio "kstar monte-carlo / hello-world:" kstar_mc hello
ratio "kstar --version / hello-world (goal <= 2):" version hello
ratio "kstar plan / hello-world (goal <= 2):" plan hello
ratio "kstar curve / hello-world (goal <= 2):" curve hello
