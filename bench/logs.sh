#!/usr/bin/env bash
# Calibration from big logs: generates N synthetic records (bench/GenerateLog.java, Parquet, 100 000
# questions) for each N given, then times `kstar calibrate DIR` (DuckDB aggregates in SQL, the JVM fits
# from the aggregate; default bootstrap and replicates) and reports wall time and peak resident memory
# (GNU time's maximum RSS of the java process, DuckDB's native memory included).
#   bench/logs.sh 1000000 10000000 100000000
# Data go to $KSTAR_BENCH_DATA (default /tmp/kstar-bench-logs) and are deleted after each size.
#
# bench/logs.sh engines [N] [Q]: one log of N records over Q questions (default 2 000 000 and 50 000) as CSV
# and as JSONL, calibrated by each engine side by side (the JVM reader with a 96 MiB heap, DuckDB with its
# 500 MB limit): wall time, records per second and peak RSS, once reading and fitting without resampling
# (--bootstrap 0 --replicates 0) and once with the defaults; then whether every run fitted the same profile.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ "${1:-}" = engines ]; then
  n="${2:-2000000}"
  q="${3:-50000}"
  data="${KSTAR_BENCH_DATA:-/tmp/kstar-bench-logs}/engines"
  rm -rf "$data" && mkdir -p "$data"
  ./kstar --version >/dev/null
  app="$data/app"
  mkdir -p "$app" && cp -r kstar-cli/target/kstar.jar kstar-cli/target/lib "$app/"
  duck="$(ls "$app"/lib/duckdb_jdbc-*.jar)"
  for fmt in csv jsonl; do
    java -cp "$duck" bench/GenerateLog.java "$n" "$q" "$data/log.$fmt" "$fmt"
  done
  echo "machine: $(nproc) cores, $(java -version 2>&1 | sed -n 1p); $n records, $q questions;" \
      "CSV $(du -m "$data/log.csv" | cut -f1) MB, JSONL $(du -m "$data/log.jsonl" | cut -f1) MB"
  printf '%-8s %-6s %-10s %10s %14s %14s\n' engine file resampling seconds records_per_s peak_rss_MiB
  for resampling in none default; do
    extra=()
    [ "$resampling" = none ] && extra=(--bootstrap 0 --replicates 0)
    for engine in jvm duckdb; do
      for fmt in csv jsonl; do
        heap=()
        [ "$engine" = jvm ] && heap=(-Xmx96m)
        /usr/bin/time -f '%e %M' -o "$data/time.txt" java -XX:+UseSerialGC "${heap[@]}" -jar "$app/kstar.jar" \
            calibrate "$data/log.$fmt" --engine "$engine" --format json "${extra[@]}" \
            > "$data/out-$engine-$fmt-$resampling.json" 2> "$data/err.txt" || { cat "$data/err.txt"; exit 1; }
        read -r wall rss < "$data/time.txt"
        printf '%-8s %-6s %-10s %10s %14.0f %14d\n' "$engine" "$fmt" "$resampling" "$wall" \
            "$(echo "$n / $wall" | bc -l)" "$((rss / 1024))"
      done
    done
  done
  python3 - "$data" <<'PY'
import json, sys, glob, os
d = sys.argv[1]
for resampling in ("none", "default"):
    runs = {os.path.basename(f): json.load(open(f)) for f in sorted(glob.glob(f"{d}/out-*-{resampling}.json"))}
    ref_name, ref = next(iter(runs.items()))
    worst = 0.0
    for name, r in runs.items():
        for key in ("input_tokens_mean", "output_tokens_sd", "t_in", "t_out", "c_in", "c_out"):
            worst = max(worst, abs(r[key] - ref[key]) / abs(ref[key]))
        worst = max(worst, max(abs(r["parameters"][k] - v) / abs(v) for k, v in ref["parameters"].items()))
    print(f"{resampling}: {len(runs)} runs, largest relative difference from {ref_name}: {worst:.3g}")
PY
  rm -rf "$data"
  exit 0
fi
data="${KSTAR_BENCH_DATA:-/tmp/kstar-bench-logs}"
questions="${KSTAR_BENCH_QUESTIONS:-100000}"
./kstar --version >/dev/null  # builds on first use
# a copy of the built jars, so that a rebuild during the run cannot change what is measured
app="$data/app"
rm -rf "$app" && mkdir -p "$app" && cp -r kstar-cli/target/kstar.jar kstar-cli/target/lib "$app/"
duck="$(ls "$app"/lib/duckdb_jdbc-*.jar)"
printf '%12s %10s %10s %12s %12s %14s\n' records questions parquet_MB generate_s calibrate_s peak_rss_MiB
for n in "$@"; do
  rm -rf "${data:?}/$n"
  mkdir -p "$data"
  start=$(date +%s.%N)
  java -cp "$duck" bench/GenerateLog.java "$n" "$questions" "$data/$n" parquet
  gen=$(echo "$(date +%s.%N) - $start" | bc)
  size=$(du -sm "$data/$n" | cut -f1)
  /usr/bin/time -f '%e %M' -o "$data/time.txt" java -XX:+UseSerialGC -jar "$app/kstar.jar" calibrate "$data/$n" --format json > "$data/result-$n.json"
  read -r wall rss < "$data/time.txt"
  printf '%12s %10s %10s %12.1f %12s %14d\n' "$n" "$questions" "$size" "$gen" "$wall" "$((rss / 1024))"
  rm -rf "${data:?}/$n"
done
