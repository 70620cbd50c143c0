#!/usr/bin/env python3
"""Groups async-profiler's collapsed stacks (one "frame;frame;... count" per line) into the categories
BENCHMARKS.md quotes; bench/profile.sh runs it.

  profile_categories.py start FILE...    short commands, stacks recorded with threads: the share of each
                                         thread group, then the main thread's time by phase
  profile_categories.py service FILE     the service: the share of each kind of work over all threads
Each table is followed by the hottest leaf frames. Rules are checked in order; the first that matches a
stack names its category.
"""
import collections
import re
import sys

START_RULES = [  # main thread only
    ("JVM start-up before kstar's main (from the profiler's start)", lambda s: "io/kstar/cli/Main.main" not in s),
    ("--version", lambda s: "Main.printVersion" in s),
    ("picocli builds its command model (annotations, reflection, proxies)",
     lambda s: "Main.commandLine" in s or "picocli/CommandLine.<init>" in s),
    ("picocli parses the arguments", lambda s: "picocli/CommandLine.parseArgs" in s or "CommandLine$Interpreter" in s),
    ("reading the embedded catalog and scenarios",
     lambda s: any(k in s for k in ("CatalogReader", "ScenarioReader", "YamlDocument", "EmbeddedTree"))),
    ("rendering the output", lambda s: "io/kstar/report/" in s or "OutputOptions.emit" in s or "io/kstar/chart/" in s),
    ("the computation (plan, study, estimators)", lambda s: re.search(r"io/kstar/(plan|study|estimate|select|pareto|space|"
                                                                      r"distribution|accuracy|latency|length|policy|grid)/", s)),
    ("picocli, other (options, mixins, execution)", lambda s: "picocli/" in s),
    ("other", lambda s: True),
]

SERVICE_RULES = [
    ("JIT compiler threads", lambda s: any(k in s for k in ("CompileBroker", "C2Compiler", "Compilation::"))),
    ("garbage collection", lambda s: any(k in s for k in ("GCTask", "G1", "SerialHeap", "VM_GenCollect", "WorkerThread::run"))),
    ("hand-off to the compute lane (park/unpark)",
     lambda s: any(k in s for k in ("Semaphore", "LockSupport", "Unsafe.park", "Unsafe.unpark", "FutureTask.set"))),
    ("rendering the JSON answer", lambda s: "Json.utf8" in s or "jsonUtf8" in s),
    ("the plan (exact estimator, selectors)", lambda s: "Deployment.plan" in s or "Planner.plan" in s),
    ("socket writes", lambda s: "SocketChannel.write" in s or "writev" in s),
    ("socket reads and the selector", lambda s: any(k in s for k in ("SocketChannel.read", "epoll", "ManagedSelector"))),
    ("reading the request", lambda s: any(k in s for k in ("RequestReader", "KstarServer.reader", "readTree"))),
    ("metrics", lambda s: "micrometer" in s or "prometheus" in s),
    ("HTTP (Jetty, Javalin) and kstar's handlers, other", lambda s: any(k in s for k in ("jetty", "javalin", "io/kstar/server"))),
    ("other", lambda s: True),
]


def read(files):
    for name in files:
        with open(name) as f:
            for line in f:
                line = line.rstrip("\n")
                if not line:
                    continue
                stack, _, count = line.rpartition(" ")
                yield stack, int(count)


def table(title, counts, total):
    print(f"\n{title}")
    print(f"| {'share':>6} | {'samples':>7} | category")
    print(f"|{'-' * 8}|{'-' * 9}|{'-' * 40}")
    for name, n in counts.most_common():
        print(f"| {100 * n / total:5.1f} % | {n:7d} | {name}")


def leaves(stacks, top=12):
    hot = collections.Counter()
    for stack, n in stacks:
        hot[stack.split(";")[-1]] += n
    print("\nhottest leaf frames:")
    total = sum(hot.values())
    for frame, n in hot.most_common(top):
        print(f"  {100 * n / total:5.1f} %  {frame}")


def classify(rules, stack):
    for name, test in rules:
        if test(stack):
            return name
    return "other"


def no_samples():
    sys.exit("no samples: the command is too short for the timer's steps (4 ms at 250 Hz); raise RUNS")


def start(files):
    threads = collections.Counter()
    main = []
    for stack, n in read(files):
        head, _, rest = stack.partition(";")
        group = re.sub(r"\s*tid=\d+\]$", "]", head)
        group = re.sub(r"-\d+\]$", "]", group)
        threads[group] += n
        if group == "[main]":
            main.append((rest, n))
    total = sum(threads.values())
    if total == 0:
        no_samples()
    table("CPU samples by thread (all runs)", threads, total)
    phases = collections.Counter()
    for stack, n in main:
        phases[classify(START_RULES, stack)] += n
    table("the main thread by phase", phases, sum(phases.values()))
    leaves(main)


def service(files):
    stacks = list(read(files))
    if not stacks:
        no_samples()
    kinds = collections.Counter()
    for stack, n in stacks:
        kinds[classify(SERVICE_RULES, stack)] += n
    table("CPU samples by kind of work (every thread)", kinds, sum(kinds.values()))
    leaves(stacks)


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("start", "service"):
        sys.exit(__doc__)
    (start if sys.argv[1] == "start" else service)(sys.argv[2:])
