#!/usr/bin/env bash
# Mutation testing of kstar-core, then the per-package table (docs/testing.md, "Mutation testing").
#   bench/mutation.sh                     every package: the mathematics and rendering, each run held to the
#                                         POM's floor for a full run; prints the table from both reports
#   bench/mutation.sh select grid         those packages only (report for rendering), no floor; their table
# Extra Maven options come from MUTATION_OPTS (for example -Dkstar.mutation.threads=1 to leave a core free).
# PIT only: the tests themselves ran in `mvn -B verify`. Exit status: Maven's (a full run below its floor
# fails) or, if Maven passed, the table's.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
args=(-B -Pmutation verify -Dmaven.test.skip.exec=true -pl kstar-core)
if [ $# -gt 0 ]; then
  math=""
  report=false
  for p in "$@"; do
    if [ "$p" = report ]; then
      report=true
    else
      math="${math:+$math,}io.kstar.$p.*"
    fi
  done
  args+=(-Dkstar.mutation.threshold.math=0 -Dkstar.mutation.threshold.report=0
    "-Dkstar.mutation.only=${math:-none.*}"
    "-Dkstar.mutation.skip.math=$([ -n "$math" ] && echo false || echo true)"
    "-Dkstar.mutation.skip.report=$([ "$report" = true ] && echo false || echo true)")
fi
rm -rf kstar-core/target/pit-reports kstar-core/target/pit-reports-report
# shellcheck disable=SC2086
mvn "${args[@]}" ${MUTATION_OPTS:-}
status=$?
reports=()
for r in kstar-core/target/pit-reports/mutations.xml kstar-core/target/pit-reports-report/mutations.xml; do
  [ -s "$r" ] && reports+=("$r")
done
if [ ${#reports[@]} -eq 0 ]; then
  echo "mutation: no PIT report was written (Maven's output above)" >&2
  exit $(( status == 0 ? 1 : status ))
fi
python3 bench/mutation_scores.py "${reports[@]}" || status=$(( status == 0 ? $? : status ))
exit "$status"
