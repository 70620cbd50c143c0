#!/usr/bin/env python3
"""Per-package mutation scores from PIT's mutations.xml (docs/testing.md, "Mutation testing").

    bench/mutation_scores.py                    # the table, from both modules' reports
    bench/mutation_scores.py --classes          # ... and every class with mutants left alive
    bench/mutation_scores.py --survivors select # each live mutant of a package: line, mutator, what
    bench/mutation_scores.py --floors .ci/mutation-floors   # exit 1 if a mutated package is below its floor
    bench/mutation_scores.py --suggest-floors   # floors for the packages in the reports (one mutant of slack)

Reads kstar-core/target/pit-reports/mutations.xml (the mathematics) and
kstar-core/target/pit-reports-report/mutations.xml (io.kstar.report), both mutated with the core's tests. The
score is PIT's: detected mutants over all mutants, so a mutant on a line no test runs counts against it.
"""
import argparse
import collections
import os
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPORTS = ["kstar-core/target/pit-reports/mutations.xml", "kstar-core/target/pit-reports-report/mutations.xml"]


def mutants(paths):
    for path in paths:
        full = path if os.path.exists(path) else os.path.join(ROOT, path)
        if not os.path.exists(full) or os.path.getsize(full) == 0:
            print(f"(no report at {path}: run mvn -B -Pmutation verify)", file=sys.stderr)
            continue
        for m in ET.parse(full).getroot().iter("mutation"):
            cls = m.findtext("mutatedClass")
            yield {
                "package": cls.rsplit(".", 1)[0].removeprefix("io.kstar."),
                "class": cls.removeprefix("io.kstar.").split("$")[0],
                "method": m.findtext("mutatedMethod"),
                "line": int(m.findtext("lineNumber")),
                "mutator": m.findtext("mutator").rsplit(".", 1)[-1],
                "description": m.findtext("description"),
                "status": m.get("status"),
                "detected": m.get("detected") == "true",
            }


def row(name, ms):
    n = len(ms)
    killed = sum(m["detected"] for m in ms)
    survived = sum(m["status"] == "SURVIVED" for m in ms)
    uncovered = sum(m["status"] == "NO_COVERAGE" for m in ms)
    score = 100.0 * killed / n if n else 100.0
    return f"| {name:<28} | {n:>7} | {killed:>6} | {survived:>8} | {uncovered:>11} | {score:>5.1f} % |"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--classes", action="store_true", help="list the classes with live mutants")
    ap.add_argument("--survivors", metavar="PACKAGE", help="list the live mutants of one package (e.g. select)")
    ap.add_argument("--floors", metavar="FILE", help="fail (exit 1) when a package in the reports is below its floor")
    ap.add_argument("--suggest-floors", action="store_true",
                    help="print a floor per package: its score, less one mutant of slack, rounded down")
    ap.add_argument("reports", nargs="*", default=REPORTS, help="mutations.xml files (default: both modules' reports)")
    a = ap.parse_args()
    ms = list(mutants(a.reports))
    if not ms:
        return 1
    by_pkg = collections.defaultdict(list)
    for m in ms:
        by_pkg[m["package"]].append(m)
    print("| package                      | mutants | killed | survived | no coverage | score   |")
    print("|------------------------------|--------:|-------:|---------:|------------:|--------:|")
    for p in sorted(by_pkg):
        print(row(p, by_pkg[p]))
    math = [m for m in ms if m["package"] != "report"]
    print(row("**math (all but report)**", math))
    if by_pkg.get("report"):
        print(row("**rendering (report)**", by_pkg["report"]))
    if a.classes:
        by_cls = collections.defaultdict(list)
        for m in ms:
            by_cls[m["class"]].append(m)
        live = sorted(by_cls.items(), key=lambda kv: -sum(not m["detected"] for m in kv[1]))
        print()
        print("live mutants by class:")
        for c, cms in live:
            n = sum(not m["detected"] for m in cms)
            if n:
                print(f"  {n:>4}  {c}")
    if a.survivors:
        print()
        for m in sorted(ms, key=lambda m: (m["class"], m["line"])):
            if m["package"] == a.survivors and not m["detected"]:
                print(f"{m['class']}:{m['line']} {m['method']} {m['status']} {m['mutator']}: {m['description']}")
    if a.suggest_floors:
        print()
        for p in sorted(by_pkg):
            n = len(by_pkg[p])
            killed = sum(m["detected"] for m in by_pkg[p])
            print(f"{p} {int(100.0 * max(0, killed - 1) / n)}")
    if a.floors:
        return check_floors(a.floors, by_pkg)
    return 0


def read_floors(path):
    """Lines 'PACKAGE PERCENT' ('default PERCENT' for packages without a line of their own); '#' comments
    and the 'base COMMIT' line are skipped."""
    floors = {}
    with open(path if os.path.exists(path) else os.path.join(ROOT, path)) as f:
        for line in f:
            parts = line.split("#", 1)[0].split()
            if len(parts) == 2 and parts[0] != "base":
                floors[parts[0]] = float(parts[1])
    return floors


def check_floors(path, by_pkg):
    floors = read_floors(path)
    failed = []
    print()
    for p in sorted(by_pkg):
        n = len(by_pkg[p])
        killed = sum(m["detected"] for m in by_pkg[p])
        score = 100.0 * killed / n if n else 100.0
        floor = floors.get(p, floors.get("default", 0.0))
        ok = score >= floor
        print(f"{'ok  ' if ok else 'FAIL'} {p:<22} {score:5.1f} % (floor {floor:g} %, {killed} of {n} killed)")
        if not ok:
            failed.append(p)
    if failed:
        print(f"mutation score below its floor in {', '.join(failed)}: a test that used to catch wrong code no longer"
              f" does, or new code came without tests that state what it computes (docs/testing.md, \"Mutation testing\")")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
