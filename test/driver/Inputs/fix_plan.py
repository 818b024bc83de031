"""usage: fix_plan.py DRIVER_PKG_DIR FILE

Unit test of raii_tidy.fixes on FILE (contents "0123456789"): findings whose
fixes are equal, disjoint, overlapping or insertions at one offset; prints
which fixes the plan takes, which conflict, and the file after applying."""
import sys

sys.path.insert(0, sys.argv[1])
from raii_tidy import fixes  # noqa: E402
from raii_tidy.findings import Finding, Location, Note, Replacement  # noqa: E402

path = sys.argv[2]


def finding(name, offset, reps, notes=()):
    f = Finding(name, name, "warning", Location(path, offset),
                list(notes), [Replacement(path, o, l, t) for o, l, t in reps], "", path)
    f.location.line, f.location.column = 1, offset + 1
    return f


found = [
    finding("a", 0, [(1, 2, "AB")]),           # replaces 12
    finding("b", 0, [(1, 2, "AB")]),           # the same fix (another TU): shared
    finding("c", 2, [(2, 2, "xx")]),           # overlaps a's range: conflict
    finding("d", 5, [(5, 0, "<")]),            # insertion
    finding("e", 5, [(5, 0, ">")]),            # another insertion at 5: conflict
    finding("f", 7, [(7, 1, "S"), (3, 1, "T")]),  # 3 is inside a? no: disjoint
    finding("g", 9, [], [Note("n", Location(path, 9), [Replacement(path, 9, 1, "N")])]),
]
plan = fixes.plan(found, fix_notes=False)
print("fixed", " ".join(f.check for f in plan.fixed))
for c in plan.conflicts:
    print(f"conflict {c.finding.check} with {c.other.check}")
print("written", len(fixes.apply(plan)))
with open(path) as fh:
    print("result", fh.read())
plan = fixes.plan(found[-1:], fix_notes=True)
print("with --fix-notes", " ".join(f.check for f in plan.fixed))
