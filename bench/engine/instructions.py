#!/usr/bin/env python3
"""Counts the instructions clang-tidy-22 executes on real translation units,
with the plugin loaded in every run: parse-only (--checks=-*,
misc-misleading-bidirectional) against every raii-* check, for one or more
plugin builds. Valgrind's callgrind counts instructions exactly, so one run
per mode is the measurement: unlike wall-clock time it does not move with
the load of a shared machine (bench.py gives the wall-clock medians).

  instructions.py --plugin before=old.so --plugin after=build/lib/libRaiiTidy.so \\
      --tu 'path/to/file.c::-I... -D...' [--tu ...]

Prints a markdown table: per TU the parse-only count, and per plugin the
raii-* count and its overhead over parse-only (measured with that plugin).
Never commit the sources the TUs come from.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

CLANG_TIDY = "/usr/lib/llvm-22/bin/clang-tidy"
PARSE_ONLY = "-*,misc-misleading-bidirectional"
RAII = "-*,raii-*"


def instructions(plugin, checks, path, flags):
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
           CLANG_TIDY, "--load=" + plugin, "--checks=" + checks, "--quiet",
           path, "--"] + flags
    res = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, universal_newlines=True)
    m = re.search(r"Collected : (\d+)", res.stderr)
    if not m or res.returncode != 0:
        sys.exit("no instruction count for %s (%s):\n%s" %
                 (path, checks, res.stderr[-2000:]))
    return int(m.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", action="append", required=True,
                    help="NAME=PATH; the first one also gives parse-only")
    ap.add_argument("--tu", action="append", required=True,
                    help="FILE::COMPILER-FLAGS")
    args = ap.parse_args()
    plugins = []
    for spec in args.plugin:
        name, sep, path = spec.partition("=")
        if not sep:
            sys.exit("--plugin wants NAME=PATH, got %r" % spec)
        # dlopen searches the library path, not the working directory, for
        # a name without a slash.
        plugins.append((name, os.path.abspath(path)))
    head = ["translation unit", "parse-only (M instr.)"]
    for name, _ in plugins:
        head += ["raii-* %s (M)" % name, "overhead %s" % name]
    print("| " + " | ".join(head) + " |")
    print("| --- |" + " ---: |" * (len(head) - 1))
    totals = [0] * (1 + 2 * len(plugins))
    for tu in args.tu:
        path, _, flags = tu.partition("::")
        flags = shlex.split(flags)
        base = {name: instructions(p, PARSE_ONLY, path, flags)
                for name, p in plugins}
        row = ["/".join(path.split("/")[-2:]),
               "%.1f" % (base[plugins[0][0]] / 1e6)]
        totals[0] += base[plugins[0][0]]
        for i, (name, p) in enumerate(plugins):
            n = instructions(p, RAII, path, flags)
            row += ["%.1f" % (n / 1e6),
                    "%+.1f%%" % (100.0 * (n - base[name]) / base[name])]
            totals[1 + 2 * i] += n
            totals[2 + 2 * i] += base[name]
        print("| " + " | ".join(row) + " |", flush=True)
    row = ["**total**", "%.1f" % (totals[0] / 1e6)]
    for i in range(len(plugins)):
        n, b = totals[1 + 2 * i], totals[2 + 2 * i]
        row += ["%.1f" % (n / 1e6), "%+.1f%%" % (100.0 * (n - b) / b)]
    print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
