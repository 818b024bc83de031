#!/usr/bin/env python3
"""Reports the fix share of a run.sh run made with RAII_EVAL_FIXES=1.

Per check (raii-use-guard and raii-release-skipped by default) and per
project: the findings, each once however many TUs report it (file, offset
and check, from the exported YAML); how many get a fix (the diagnostic or a
note of it carries a replacement in some TU); how many are refused with a
note 'no automatic fix: <reason>'; how many get neither. Then the refusal
reasons with counts, the variable and function names in them replaced by
placeholders so that one reason is one line, and the findings with neither,
by kind (the shape of the message: 'never released', 'hold it in a scope
guard', ...) and by the function that acquires.

  fixshare.py OUTDIR                        Markdown tables
  fixshare.py OUTDIR --list                 one line per finding:
      project, place, check, status (fixed/refused/neither/fixed+refused),
      reason or kind, message
  fixshare.py OUTDIR --checks raii-use-guard,raii-unnamed-guard
"""
import argparse
import collections
import re
import sys

import exported

MAIN_CHECKS = "raii-use-guard,raii-release-skipped"

# The kind of a finding, from its message (the first pattern that matches).
KINDS = [
    ("never released, not handed off on every path",
     r"is never released, and not handed off on every path"),
    ("never released", r"is never released"),
    ("realloc result lost", r"^when '[^']*' fails"),
    ("scope guard named (no declarable guard)", r"hold it in a scope guard"),
    ("guard named", r"hold it in '"),
    ("no guard named", r"."),
]

LOCK_GUARD = re.compile(r"'std::(lock_guard|unique_lock|shared_lock|scoped_lock)")
LOCK_ACQUIRE = re.compile(r"lock|mutex_enter|sem_wait", re.I)
ACQUIRER = re.compile(r"acquired by '([^']*)'")
QUOTED = re.compile(r"'([^']*)'")
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# quoted words that are part of a reason, not a name
KEEP = {"goto", "case", "break", "continue", "return", "delete", "new",
        "raii", "std", "int", "free", "fclose", "close", "closedir",
        "pthread_mutex_lock", "pthread_mutex_trylock", "pthread_mutex_unlock",
        "RAII_MUTEX_GUARD"}


def kind(message):
    for name, pattern in KINDS:
        if re.search(pattern, message):
            return name
    return "?"


def family(finding):
    """'lock' or 'handle' (by the guard the message names, else the name of
    the acquiring function), and that function."""
    m = ACQUIRER.search(finding["message"])
    acquirer = m.group(1) if m else "?"
    is_lock = (LOCK_GUARD.search(finding["message"])
               or LOCK_ACQUIRE.search(acquirer))
    return ("lock" if is_lock else "handle"), acquirer


def normalise(reason, finding):
    """The reason with the finding's variable as 'v' and other names as 'x'."""
    m = QUOTED.search(finding["message"])
    var = m.group(1) if m else None

    def sub(q):
        word = q.group(1)
        if var is not None and word == var:
            return "'v'"
        if IDENT.match(word) and word not in KEEP:
            return "'x'"
        return q.group(0)
    return QUOTED.sub(sub, reason)


def status(finding):
    fixed, refused = bool(finding["fixed_in"]), bool(finding["refusals"])
    if fixed and refused:
        return "fixed+refused"
    return "fixed" if fixed else "refused" if refused else "neither"


def collect(outdir, checks):
    rows = []
    for project, root in sorted(exported.roots(outdir).items()):
        for f in exported.findings(outdir, project, root).values():
            if f["check"] in checks:
                f["project"] = project
                f["status"] = status(f)
                f["kind"] = kind(f["message"])
                f["family"], f["acquirer"] = family(f)
                f["reasons"] = sorted({normalise(r, f) for r in f["refusals"]})
                rows.append(f)
    rows.sort(key=lambda f: (f["project"], f["check"], f["place"]))
    return rows


def table(header, rows):
    """A Markdown table, the columns of numbers right-aligned."""
    numeric = [all(isinstance(r[i], int) for r in rows)
               for i in range(len(header))]
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def pct(n, d):
    return f"{100 * n / d:.0f} %" if d else "–"


def report(rows, checks):
    for check in checks:
        mine = [f for f in rows if f["check"] == check]
        print(f"## {check}\n")
        by_project = collections.defaultdict(collections.Counter)
        for f in mine:
            c = by_project[f["project"]]
            c["findings"] += 1
            c[f["status"]] += 1
            c[f["family"]] += 1
            if f["status"].startswith("fixed"):
                c["fixed " + f["family"]] += 1
        body = []
        total = collections.Counter()
        for project in sorted(by_project):
            c = by_project[project]
            total.update(c)
            body.append(_row(project, c))
        body.append(_row("**total**", total))
        print(table(["project", "findings", "locks", "handles", "fixed",
                     "(locks)", "(handles)", "refused", "neither", "share"],
                    body))
        mixed = [f for f in mine if f["status"] == "fixed+refused"]
        if mixed:
            print(f"\n{len(mixed)} finding(s) fixed in one TU and refused in "
                  "another (counted as fixed): "
                  + ", ".join(f"{f['project']} {f['place']}" for f in mixed))
        reasons = collections.Counter()
        example = {}
        for f in mine:
            if f["status"] == "refused":
                for r in f["reasons"]:
                    reasons[r] += 1
                    example.setdefault(r, f"{f['project']} {f['place']}")
        if reasons:
            print(f"\nRefusal reasons ({sum(reasons.values())} notes on "
                  f"{sum(1 for f in mine if f['status'] == 'refused')} "
                  "findings; 'v' the finding's variable, 'x' another name):\n")
            print(table(["reason", "count", "e.g."],
                        [(f"`{r}`", n, example[r])
                         for r, n in reasons.most_common()]))
        neither = collections.Counter(
            (f["language"], f["family"], f["kind"]) for f in mine
            if f["status"] == "neither")
        if neither:
            acquirers = collections.defaultdict(collections.Counter)
            for f in mine:
                if f["status"] == "neither":
                    acquirers[(f["language"], f["family"],
                               f["kind"])][f["acquirer"]] += 1
            print("\nNeither fix nor note, by language, family and kind of "
                  "finding:\n")
            print(table(["language", "family", "kind", "count", "acquired by"],
                        [(*key, n, ", ".join(
                            f"{a} {m}" for a, m in
                            acquirers[key].most_common(6)))
                         for key, n in neither.most_common()]))
        print()


def _row(project, c):
    fixed = c["fixed"] + c["fixed+refused"]
    return (project, c["findings"], c["lock"], c["handle"], fixed,
            c["fixed lock"], c["fixed handle"], c["refused"], c["neither"],
            pct(fixed, c["findings"]))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("outdir")
    p.add_argument("--checks", default=MAIN_CHECKS,
                   help=f"comma-separated (default {MAIN_CHECKS}); 'all' for "
                        "every check")
    p.add_argument("--list", action="store_true",
                   help="one line per finding instead of the tables")
    args = p.parse_args()
    checks = args.checks.split(",")
    if args.checks == "all":
        rows = collect(args.outdir, _AllChecks())
        checks = sorted({f["check"] for f in rows})
    else:
        rows = collect(args.outdir, set(checks))
    if args.list:
        for f in rows:
            detail = "; ".join(f["reasons"]) if f["reasons"] else f["kind"]
            print("\t".join([f["project"], f["place"], f["check"], f["status"],
                             detail, f["message"]]))
        return 0
    report(rows, checks)
    return 0


class _AllChecks:
    def __contains__(self, check):
        return check.startswith("raii-")


if __name__ == "__main__":
    sys.exit(main())
