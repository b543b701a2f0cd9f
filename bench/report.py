#!/usr/bin/env python3
"""Runs and aggregates the rows of bench/run.sh (standard library only; matplotlib optional).

    report.py row   ID NAME [--per-process] --base URL --ca CA --out DIR -- CMD...
        Runs CMD once: it prints one JSON line {"ns": [per-call nanoseconds], "peak_rss_kib"}.
        An in-process row is one client making N calls; a --per-process row is bench/c/spawn.c
        starting one process per call (its ns are process lifetimes, its RSS the largest child's).
    report.py skip  ID NAME REASON --out DIR
        Records a row that could not be produced.
    report.py table --out DIR [--floor FILE] [--startup FILE] [--so-size BYTES]
        Prints the Markdown report; writes DIR/results.csv, DIR/ratios.csv and, when matplotlib
        imports, DIR/results.png.

Each row file (DIR/rows/ID.json) also holds the sandbox's /_sandbox/stats delta over the row:
TCP connections, TLS handshakes, HTTP requests.
"""

import argparse
import csv
import json
import math
import os
import ssl
import subprocess
import sys
import time
import urllib.request

IN_PROCESS = "in-process"
PER_PROCESS = "process per call"


def sandbox_stats(base: str, ca: str) -> dict:
    host = base.split("/products/")[0]
    context = ssl.create_default_context(cafile=ca)
    handler = urllib.request.HTTPSHandler(context=context)
    opener = urllib.request.build_opener(handler, urllib.request.ProxyHandler({}))
    with opener.open(host + "/_sandbox/stats", timeout=10) as response:
        return json.load(response)


class StatsDelta:
    """The sandbox counters over a block, without the control request that reads them."""

    def __init__(self, base: str, ca: str):
        self.base, self.ca = base, ca
        # Reading the stats opens a connection (and a handshake) of its own: measure that cost
        # with two back-to-back reads and subtract it.
        first = sandbox_stats(base, ca)
        second = sandbox_stats(base, ca)
        self.overhead = {key: second[key] - first[key] for key in second}

    def __enter__(self):
        self.before = sandbox_stats(self.base, self.ca)
        return self

    def __exit__(self, *exc):
        after = sandbox_stats(self.base, self.ca)
        self.delta = {
            key: after[key] - self.before[key] - self.overhead[key] for key in after
        }
        return False


def write_row(out: str, row: dict) -> None:
    os.makedirs(os.path.join(out, "rows"), exist_ok=True)
    with open(os.path.join(out, "rows", f"{row['id']}.json"), "w") as file:
        json.dump(row, file)


def run_row(args) -> None:
    with StatsDelta(args.base, args.ca) as stats:
        started = time.perf_counter_ns()
        result = subprocess.run(args.cmd, stdout=subprocess.PIPE, text=True)
        wall = time.perf_counter_ns() - started
    if result.returncode != 0:
        sys.exit(f"row {args.id} ({args.name}): exit status {result.returncode}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    write_row(
        args.out,
        {
            "id": args.id,
            "name": args.name,
            "kind": PER_PROCESS if args.per_process else IN_PROCESS,
            "ns": data["ns"],
            "peak_rss_kib": data["peak_rss_kib"],
            "process_wall_ns": wall,
            **stats.delta,
        },
    )
    print(f"row {args.id}: {args.name}: {len(data['ns'])} calls", file=sys.stderr)



def run_skip(args) -> None:
    write_row(args.out, {"id": args.id, "name": args.name, "skipped": args.reason})
    print(f"row {args.id}: {args.name}: NOT RUN: {args.reason}", file=sys.stderr)


def percentile(sorted_values, fraction):
    """Nearest rank: the smallest value with at least `fraction` of the values at or below it."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise(row: dict) -> dict:
    if "skipped" in row:
        return row
    ns = row["ns"]
    # In-process rows: the first call connects and handshakes; the distribution is the steady
    # state (calls 2..N) and the first call is reported on its own. A process-per-call row pays
    # the start-up and the handshake on every call, so all calls count.
    steady = sorted(ns[1:] if row["kind"] == IN_PROCESS and len(ns) > 1 else ns)
    calls = len(ns)
    flags = []
    if row["kind"] == IN_PROCESS and row["connections"] != 1:
        flags.append(f"CONNECTIONS={row['connections']} (one client must reuse one)")
    if row["requests"] != calls:
        flags.append(f"sandbox saw {row['requests']} requests for {calls} calls")
    return {
        **row,
        "calls": calls,
        "median_ms": percentile(steady, 0.5) / 1e6,
        "p99_ms": percentile(steady, 0.99) / 1e6,
        "first_ms": ns[0] / 1e6,
        "calls_per_s": calls / (sum(ns) / 1e9),
        "flag": "; ".join(flags),
    }


RATIOS = [
    ("3", "4", "Python package ÷ requests.Session"),
    ("5", "6", "Go package ÷ net/http"),
    ("7", "8", "sectigo-sps CLI process ÷ curl process"),
    ("2", "1", "C ABI ÷ Rust core (binding overhead)"),
    ("3", "1", "Python package ÷ Rust core (binding overhead)"),
]


def table(args) -> None:
    rows_dir = os.path.join(args.out, "rows")
    rows = []
    for name in sorted(os.listdir(rows_dir), key=lambda n: int(n.split(".")[0])):
        with open(os.path.join(rows_dir, name)) as file:
            rows.append(summarise(json.load(file)))
    by_id = {row["id"]: row for row in rows}

    print("| # | row | kind | calls | median ms | p99 ms | first call ms | calls/s "
          "| peak RSS MiB | TCP conns | TLS handshakes | requests | flag |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        if "skipped" in row:
            print(f"| {row['id']} | {row['name']} | | | | | | | | | | | NOT RUN: {row['skipped']} |")
            continue
        print(
            f"| {row['id']} | {row['name']} | {row['kind']} | {row['calls']} "
            f"| {row['median_ms']:.3f} | {row['p99_ms']:.3f} | {row['first_ms']:.3f} "
            f"| {row['calls_per_s']:.0f} | {row['peak_rss_kib'] / 1024:.1f} "
            f"| {row['connections']} | {row['tls_handshakes']} | {row['requests']} "
            f"| {row['flag']} |"
        )

    print("\nRatios of median per-call time (ours ÷ peer; < 1 means ours is faster):\n")
    print("| ratio | what | value |")
    print("|---|---|---:|")
    ratio_rows = []
    for top, bottom, what in RATIOS:
        a, b = by_id.get(top), by_id.get(bottom)
        if a and b and "skipped" not in a and "skipped" not in b:
            value = a["median_ms"] / b["median_ms"]
            text = f"{value:.2f}"
        else:
            value, text = None, "n/a (row not run)"
        ratio_rows.append((f"{top}/{bottom}", what, value))
        print(f"| ({top}÷{bottom}) | {what} | {text} |")

    print()
    if args.floor and os.path.exists(args.floor):
        with open(args.floor) as file:
            floor = json.load(file)
        print(
            f"Sandbox floor ({floor['tool']}, {floor['connections']} concurrent connections, "
            f"{floor['seconds']:.1f} s): {floor['calls_per_second']:.0f} requests/s"
            + (f", median {floor['p50_ms']:.3f} ms, p99 {floor['p99_ms']:.3f} ms"
               if "p50_ms" in floor else "")
            + (f", {floor['errors']} errors" if "errors" in floor else "")
            + ". Every row above runs one call at a time, far below this rate."
        )
    if args.startup and os.path.exists(args.startup):
        with open(args.startup) as file:
            startup = json.load(file)
        print(
            f"Rust client build (median of {startup['repeats']}): "
            f"{startup['build_with_system_roots_ns'] / 1e6:.2f} ms with the system trust store, "
            f"{startup['build_without_system_roots_ns'] / 1e6:.2f} ms with only the sandbox CA. "
            f"First call of a fresh client (TCP + TLS handshake): "
            f"{startup['first_call_ns'] / 1e6:.3f} ms; later calls on it: "
            f"{startup['later_call_ns'] / 1e6:.3f} ms (medians)."
        )
    if args.so_size:
        sizes = args.so_size.split(",")
        print(f"Release libsectigo_sps.so: {int(sizes[0]) / 1024:.0f} KiB as built"
              + (f", {int(sizes[1]) / 1024:.0f} KiB after strip --strip-all" if len(sizes) > 1 else "")
              + ".")

    fields = ["id", "name", "kind", "calls", "median_ms", "p99_ms", "first_ms", "calls_per_s",
              "peak_rss_kib", "connections", "tls_handshakes", "requests", "flag", "skipped"]
    with open(os.path.join(args.out, "results.csv"), "w", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in fields})
    with open(os.path.join(args.out, "ratios.csv"), "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["ratio", "what", "median_ratio"])
        for ratio in ratio_rows:
            writer.writerow([ratio[0], ratio[1], "" if ratio[2] is None else f"{ratio[2]:.4f}"])
    print(f"\nCSV: {os.path.join(args.out, 'results.csv')}, {os.path.join(args.out, 'ratios.csv')}")
    plot(rows, os.path.join(args.out, "results.png"))


def plot(rows, path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("PNG: skipped (matplotlib is not installed)")
        return
    done = [row for row in rows if "skipped" not in row]
    labels = [f"{row['id']}. {row['name']}" for row in done]
    figure, (left, right) = plt.subplots(1, 2, figsize=(14, 5))
    medians = [row["median_ms"] for row in done]
    p99s = [row["p99_ms"] for row in done]
    positions = range(len(done))
    left.barh(positions, medians, color="tab:blue", label="median")
    left.scatter(p99s, positions, color="tab:red", marker="|", s=200, label="p99")
    left.set_xscale("log")
    left.set_yticks(list(positions), labels)
    left.invert_yaxis()
    left.set_xlabel("ms per call (log scale)")
    left.legend()
    right.barh(positions, [row["calls_per_s"] for row in done], color="tab:green")
    right.set_xscale("log")
    right.set_yticks(list(positions), [""] * len(done))
    right.invert_yaxis()
    right.set_xlabel("calls per second (log scale)")
    figure.suptitle("sectigo-sps vs the usual alternatives, against the local HTTPS sandbox")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    print(f"PNG: {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    def common(sub):
        sub.add_argument("--base", required=True)
        sub.add_argument("--ca", required=True)
        sub.add_argument("--out", required=True)

    row = commands.add_parser("row")
    row.add_argument("id")
    row.add_argument("name")
    row.add_argument("--per-process", action="store_true")
    common(row)
    skip = commands.add_parser("skip")
    skip.add_argument("id")
    skip.add_argument("name")
    skip.add_argument("reason")
    skip.add_argument("--out", required=True)
    tab = commands.add_parser("table")
    tab.add_argument("--out", required=True)
    tab.add_argument("--floor")
    tab.add_argument("--startup")
    tab.add_argument("--so-size")
    argv = sys.argv[1:]
    # Everything after the first "--" is the command to run, untouched by argparse.
    cmd = argv[argv.index("--") + 1 :] if "--" in argv else []
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    args.cmd = cmd
    if args.command == "row" and not cmd:
        parser.error("the command to run goes after --")
    {"row": run_row, "skip": run_skip, "table": table}[args.command](args)


if __name__ == "__main__":
    main()
