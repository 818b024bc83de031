#!/usr/bin/env python3
"""Times the three exit-handler checks against clang-tidy-22's parse-only run,
and compares their findings between two builds of the plugin.

Timing (``time``): for each translation unit, runs interleaved (round-robin,
--runs rounds) parse-only, each of raii-swallowed-exception,
raii-exit-handler-throws and raii-manual-finally alone, and the three together,
once per plugin given with --plugin LABEL=PATH (so a "before" and an "after"
build are timed under the same load), plus the three together with
--enable-check-profile. Reports medians of user+system CPU time (steadier than
wall time on a shared machine), of wall time, and of the checks' own time as
the profile attributes it, with the overhead over parse-only.

  bench.py time --plugin before=/tmp/old/libRaiiTidy.so \
      --plugin after=build/lib/libRaiiTidy.so --runs 7 --markdown \
      --tu 'db/version_set.cc::-std=c++17 -Iinclude -I. ...' --cwd SRC

Findings (``findings``): runs the three checks together over every file given
with each plugin and prints the diagnostics, then whether they are identical.

  bench.py findings --plugin before=... --plugin after=... --cwd SRC \
      --flags '-std=c++17 -Iinclude -I. ...' db/*.cc ...

Never commit the sources the TUs come from (Debian source packages unpacked
under /tmp); only this script, stdlib_heavy.cc and RESULTS.md live here.
"""
import argparse
import os
import re
import resource
import shlex
import statistics
import subprocess
import sys
import time

CLANG_TIDY = "/usr/lib/llvm-22/bin/clang-tidy"
PARSE_ONLY = "-*,misc-misleading-bidirectional"
CHECKS = ["raii-swallowed-exception", "raii-exit-handler-throws",
          "raii-manual-finally"]
ALL = ",".join(CHECKS)


PROFILE_TOTAL = re.compile(r"Total Execution Time: ([0-9.]+) seconds")


def cpu_of_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(plugin, checks, path, flags, cwd, profile=False):
    """Returns (user+system CPU seconds, wall seconds, check-profile seconds
    or None, stdout)."""
    if checks != PARSE_ONLY:
        checks = "-*," + checks
    cmd = [CLANG_TIDY, "--load=" + plugin, "--checks=" + checks, "--quiet"]
    if profile:
        cmd.append("--enable-check-profile")
    cmd += [path, "--"] + flags
    c0 = cpu_of_children()
    t0 = time.perf_counter()
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True, cwd=cwd)
    wall = time.perf_counter() - t0
    cpu = cpu_of_children() - c0
    if "PLEASE submit a bug report" in res.stderr:
        sys.exit("crash on %s with %s:\n%s" % (path, checks, res.stderr))
    prof = None
    if profile:
        m = PROFILE_TOTAL.search(res.stderr + res.stdout)
        prof = float(m.group(1)) if m else 0.0
    return cpu, wall, prof, res.stdout


def parse_plugins(specs):
    plugins = []
    for s in specs:
        label, _, path = s.partition("=")
        plugins.append((label, os.path.abspath(path)))
    return plugins


def cmd_time(opts):
    plugins = parse_plugins(opts.plugin)
    modes = [("parse-only", None, PARSE_ONLY)]
    for label, path in plugins:
        for c in CHECKS:
            modes.append(("%s %s" % (label, c), path, c))
        modes.append(("%s all three" % label, path, ALL))
    rows = []
    for tu in opts.tu:
        path, _, flags = tu.partition("::")
        flags = shlex.split(flags)
        cpu = {m[0]: [] for m in modes}
        wall = {m[0]: [] for m in modes}
        prof = {label: [] for label, _ in plugins}
        for _ in range(opts.runs):
            for name, plugin, checks in modes:
                c, w, _, _ = run(plugin or plugins[0][1], checks, path, flags,
                                 opts.cwd)
                cpu[name].append(c)
                wall[name].append(w)
            # The checks' own time, as clang-tidy attributes it (matchers and
            # callbacks, the parent map included when a check builds it).
            for label, plugin in plugins:
                _, _, p, _ = run(plugin, ALL, path, flags, opts.cwd,
                                 profile=True)
                prof[label].append(p)
        med = {m: statistics.median(v) for m, v in cpu.items()}
        wmed = {m: statistics.median(v) for m, v in wall.items()}
        pmed = {l: statistics.median(v) for l, v in prof.items()}
        rows.append((path, med, wmed, pmed))
        print("%s: cpu %s; wall %s; profile %s" % (
            path, ", ".join("%s %.3f" % kv for kv in med.items()),
            ", ".join("%s %.3f" % kv for kv in wmed.items()),
            ", ".join("%s %.4f" % kv for kv in pmed.items())), file=sys.stderr)
    if not opts.markdown:
        return
    for label, _ in plugins:
        for what, idx in (("user+system CPU", 1), ("wall-clock", 2)):
            print("\n%s: %s seconds, median of %d interleaved runs "
                  "(overhead over parse-only)\n" % (label, what, opts.runs))
            print("| translation unit | parse-only | swallowed-exception | "
                  "exit-handler-throws | manual-finally | all three |"
                  + (" all three, check profile |" if idx == 1 else ""))
            print("| --- | ---: | ---: | ---: | ---: | ---: |"
                  + (" ---: |" if idx == 1 else ""))
            totals = {}
            for row in rows:
                path, med, pmed = row[0], row[idx], row[3]
                base = med["parse-only"]
                cells = ["%.3f" % base]
                totals["parse-only"] = totals.get("parse-only", 0) + base
                for c in CHECKS + ["all three"]:
                    t = med["%s %s" % (label, c)]
                    totals[c] = totals.get(c, 0) + t
                    cells.append("%.3f (%+.1f%%)" % (t, 100 * (t / base - 1)))
                if idx == 1:
                    p = pmed[label]
                    totals["profile"] = totals.get("profile", 0) + p
                    cells.append("%.4f (%.1f%%)" % (p, 100 * p / base))
                print("| %s | %s |" % (os.path.basename(path),
                                       " | ".join(cells)))
            base = totals["parse-only"]
            cells = ["%.3f" % base] + [
                "%.3f (%+.1f%%)" % (totals[c], 100 * (totals[c] / base - 1))
                for c in CHECKS + ["all three"]]
            if idx == 1:
                cells.append("%.4f (%.1f%%)" % (
                    totals["profile"], 100 * totals["profile"] / base))
            print("| **total** | %s |" % " | ".join(cells))


def cmd_findings(opts):
    plugins = parse_plugins(opts.plugin)
    flags = shlex.split(opts.flags)
    outputs = {}
    for label, plugin in plugins:
        lines = []
        for f in opts.files:
            _, _, _, out = run(plugin, ALL, f, flags, opts.cwd)
            lines += [l for l in out.splitlines()
                      if ": warning: " in l or ": note: " in l]
        outputs[label] = lines
        warnings = sum(": warning: " in l for l in lines)
        print("== %s: %d warnings, %d notes over %d files" % (
            label, warnings, len(lines) - warnings, len(opts.files)))
        for l in lines:
            print(l)
    labels = [p[0] for p in plugins]
    same = all(outputs[l] == outputs[labels[0]] for l in labels)
    print("== identical findings: %s" % ("yes" if same else "NO"))
    return 0 if same else 1


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("time")
    t.add_argument("--plugin", action="append", required=True,
                   help="LABEL=PATH of a libRaiiTidy.so")
    t.add_argument("--runs", type=int, default=5)
    t.add_argument("--tu", action="append", required=True,
                   help="FILE::COMPILER-FLAGS")
    t.add_argument("--cwd", default=None)
    t.add_argument("--markdown", action="store_true")
    f = sub.add_parser("findings")
    f.add_argument("--plugin", action="append", required=True)
    f.add_argument("--flags", default="")
    f.add_argument("--cwd", default=None)
    f.add_argument("files", nargs="+")
    opts = ap.parse_args()
    if opts.cmd == "time":
        cmd_time(opts)
        return 0
    return cmd_findings(opts)


if __name__ == "__main__":
    sys.exit(main())
