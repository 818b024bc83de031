#!/usr/bin/env python3
"""Compares raii-lock-across-suspend with clang-tidy's own suspension checks.

Reads, on stdin, the output of one clang-tidy run with the checks
raii-lock-across-suspend, misc-coroutine-hostile-raii and
cppcoreguidelines-no-suspend-with-lock enabled, and reduces every finding to
the pair (line of the suspension, variable named as holding the lock):

  raii-lock-across-suspend          warning at the suspension; its note names
                                    the guard variable or the locked object
  cppcoreguidelines-no-suspend-with-lock
                                    warning at the suspension naming the guard
  misc-coroutine-hostile-raii       warning at the guard's declaration, note
                                    "suspension point is here"

Prints one line per pair found by one side only, sorted by line:
  upstream-only: LINE VAR [CHECK]
  raii-only: LINE VAR
so that a FileCheck over the output states exactly where the tools differ.
"""
import re
import sys

DIAG = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<kind>warning|note): (?P<msg>.*?)(?: \[(?P<check>[\w.,-]+)\])?$")


def main():
    diags = [m.groupdict() for m in map(DIAG.match, sys.stdin.read().splitlines()) if m]
    ours, upstream = set(), {}
    for i, d in enumerate(diags):
        if d["kind"] != "warning":
            continue
        line = int(d["line"])
        note = diags[i + 1] if i + 1 < len(diags) and diags[i + 1]["kind"] == "note" else None
        if d["check"] == "raii-lock-across-suspend":
            held = re.search(r"held by guard '(\w+)'", note["msg"]) if note else None
            if not held and note:
                held = re.match(r"'([^']+)' is locked here", note["msg"])
            if not held:
                sys.exit("compare_suspend_checks: no note after " + d["msg"])
            ours.add((line, held.group(1)))
        elif d["check"] == "cppcoreguidelines-no-suspend-with-lock":
            var = re.search(r"lock '(\w+)' held", d["msg"]).group(1)
            upstream.setdefault((line, var), d["check"])
        elif d["check"] == "misc-coroutine-hostile-raii":
            var = re.match(r"'(\w+)'", d["msg"]).group(1)
            if not note or "suspension point" not in note["msg"]:
                sys.exit("compare_suspend_checks: no suspension note after " + d["msg"])
            upstream.setdefault((int(note["line"]), var), d["check"])
    if not upstream:
        sys.exit("compare_suspend_checks: the upstream checks reported nothing")
    out = [(l, "upstream-only: %d %s [%s]" % (l, v, c))
           for (l, v), c in upstream.items() if (l, v) not in ours]
    out += [(l, "raii-only: %d %s" % (l, v))
            for (l, v) in ours if (l, v) not in upstream]
    for _, text in sorted(out):
        print(text)
    print("compared: %d upstream, %d raii-lock-across-suspend" % (len(upstream), len(ours)))


if __name__ == "__main__":
    main()
