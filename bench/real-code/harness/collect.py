#!/usr/bin/env python3
"""Lists the findings of a run.sh output directory, one line each.

Each line is 'project<TAB>file:line:col<TAB>check<TAB>message', the file
relative to the project's source root, sorted, each finding once however many
TUs report it (a header's finding counts once). Notes are left out. Compiler
errors are findings too (check 'clang-diagnostic-error'): a run with one is
not comparable.

  collect.py OUTDIR > findings.txt
  collect.py --counts OUTDIR          per-project counts, by check
"""
import argparse
import collections
import os
import re
import sys

DIAG = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<sev>warning|error|fatal error): (?P<msg>.*?)"
                  r"(?: \[(?P<check>[^\]]+)\])?$")


def roots(outdir):
    result = {}
    with open(os.path.join(outdir, "roots.tsv")) as f:
        for line in f:
            project, root = line.rstrip("\n").split("\t")
            result[project] = root
    return result


def findings(outdir):
    """Set of (project, place, check, message) of every project in OUTDIR."""
    found = set()
    for project, root in roots(outdir).items():
        with open(os.path.join(outdir, project + ".txt"),
                  errors="replace") as f:
            for line in f:
                m = DIAG.match(line.rstrip("\n"))
                if not m:
                    continue
                path = os.path.normpath(m["file"])
                if path.startswith(root.rstrip("/") + "/"):
                    path = os.path.relpath(path, root)
                check = m["check"] or "clang-diagnostic-error"
                found.add((project, f"{path}:{m['line']}:{m['col']}", check,
                           m["msg"]))
    return found


def read_findings(path):
    """findings() of an output directory, or the lines of a findings file."""
    if os.path.isdir(path):
        return findings(path)
    with open(path) as f:
        return {tuple(line.rstrip("\n").split("\t", 3)) for line in f
                if line.strip()}


def format_finding(finding):
    return "\t".join(finding)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("outdir")
    p.add_argument("--counts", action="store_true",
                   help="per-project counts by check instead of the list")
    args = p.parse_args()
    found = read_findings(args.outdir)
    if not args.counts:
        for f in sorted(found):
            print(format_finding(f))
        return
    by_project = collections.defaultdict(collections.Counter)
    for project, _, check, _ in found:
        by_project[project][check] += 1
    projects = sorted(set(roots(args.outdir)) if os.path.isdir(args.outdir)
                      else by_project)
    for project in projects:
        counts = by_project[project]
        detail = ", ".join(f"{c} {n}" for c, n in sorted(counts.items()))
        print(f"{project}\t{sum(counts.values())}\t{detail}")
    print(f"total\t{len(found)}")


if __name__ == "__main__":
    sys.exit(main())
