#!/usr/bin/env bash
# Calibration from big logs: generates N synthetic records (bench/GenerateLog.java, Parquet, 100 000
# questions) for each N given, then times `kstar calibrate DIR` (DuckDB aggregates in SQL, the JVM fits
# from the aggregate; default bootstrap and replicates) and reports wall time and peak resident memory
# (GNU time's maximum RSS of the java process, DuckDB's native memory included).
#   bench/logs.sh 1000000 10000000 100000000
# Data go to $KSTAR_BENCH_DATA (default /tmp/kstar-bench-logs) and are deleted after each size.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
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
