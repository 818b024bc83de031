#!/usr/bin/env python3
"""Compares two runs: the findings removed and added, then counts per project.

OLD and NEW are run.sh output directories or findings files written by
collect.py. Lines start with '-' (only in OLD) or '+' (only in NEW), in the
format of collect.py. A finding whose message changed shows as one removal
and one addition. Exit status 0 whether or not they differ.

  diff.py OLD NEW
  diff.py --counts-only OLD NEW
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from collect import format_finding, read_findings  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--counts-only", action="store_true")
    args = p.parse_args()
    old, new = read_findings(args.old), read_findings(args.new)
    if not args.counts_only:
        for sign, finding in sorted(
                [("-", f) for f in old - new] + [("+", f) for f in new - old],
                key=lambda t: (t[1], t[0])):
            print(sign, format_finding(finding))
        print()
    count = collections.defaultdict(lambda: [0, 0, 0, 0])
    for f in old:
        count[f[0]][0] += 1
    for f in new:
        count[f[0]][1] += 1
    for f in old - new:
        count[f[0]][2] += 1
    for f in new - old:
        count[f[0]][3] += 1
    print("project\told\tnew\tremoved\tadded")
    for project in sorted(count):
        print(project, *count[project], sep="\t")
    print("total", len(old), len(new), len(old - new), len(new - old), sep="\t")


if __name__ == "__main__":
    main()
