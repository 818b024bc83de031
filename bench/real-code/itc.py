#!/usr/bin/env python3
"""Runs the plugin on the resource categories of the Toyota ITC benchmark
(github.com/regehr/itc-benchmarks, C part) and scores it.

A test of `01.w_Defects` is a function (with its `_func_NNN` helpers)
whose lines carry `ERROR:` comments; it is found when a warning lands in
it. Every warning in `02.wo_Defects` (the same programs without the defect)
is a false positive and is listed.

usage: itc.py --plugin PATH --itc CHECKOUT [--clang-tidy PATH]
"""
import argparse
import collections
import pathlib
import re
import subprocess

CATEGORIES = [
    "memory_leak", "double_free", "double_lock", "lock_never_unlock",
    "unlock_without_lock", "dead_lock", "free_nondynamic_allocated_memory",
    "free_nondynamically_allocated_memory", "free_null_pointer",
]
FUNC = re.compile(r"^(?:static\s+)?[A-Za-z_][\w\s\*]*?\b([A-Za-z_]\w*)\s*\([^;]*$")
WARN = re.compile(r"^(.*?):(\d+):\d+: warning: (.*) \[(raii-[a-z-]+)\]$")


def functions(src):
    """(first line, name) of each function definition, in order."""
    out = []
    for i, line in enumerate(src.read_text(errors="replace").split("\n"), 1):
        m = FUNC.match(line)
        if m and not line[:1].isspace():
            out.append((i, m.group(1)))
    return out


def owner(spans, line):
    name = None
    for start, n in spans:
        if start <= line:
            name = n
    return re.sub(r"_func_\d+$", "", name or "")


def run(tidy, plugin, src, include):
    res = subprocess.run(
        [tidy, "--load=" + plugin, "--checks=-*,raii-*", "--quiet", str(src),
         "--", "-std=gnu11", "-I" + str(include), "-pthread"],
        capture_output=True, text=True)
    return [(int(m.group(2)), m.group(4), m.group(3))
            for m in map(WARN.match, res.stdout.splitlines()) if m]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--itc", required=True, type=pathlib.Path)
    ap.add_argument("--clang-tidy", default="/usr/lib/llvm-22/bin/clang-tidy")
    a = ap.parse_args()
    include = a.itc / "include"
    found = total = 0
    print("| category | tests | found |\n| --- | ---: | ---: |")
    for cat in CATEGORIES:
        src = a.itc / "01.w_Defects" / (cat + ".c")
        if not src.exists():
            continue
        spans = functions(src)
        lines = src.read_text(errors="replace").split("\n")
        tests = {owner(spans, i) for i, l in enumerate(lines, 1)
                 if "ERROR:" in l and "No ERROR" not in l}
        hit = {owner(spans, ln) for ln, _, _ in
               run(a.clang_tidy, a.plugin, src, include)} & tests
        print(f"| {cat} | {len(tests)} | {len(hit)} |")
        found += len(hit)
        total += len(tests)
    print(f"| **all** | {total} | {found} |\n")
    fps = collections.Counter()
    for cat in CATEGORIES:
        src = a.itc / "02.wo_Defects" / (cat + ".c")
        if not src.exists():
            continue
        for ln, check, msg in run(a.clang_tidy, a.plugin, src, include):
            fps[check] += 1
            print(f"- without defects: {src.name}:{ln} [{check}] {msg}")
    print(f"\nfindings on the programs without defects: {sum(fps.values())}"
          f" {dict(fps)}")


if __name__ == "__main__":
    main()
