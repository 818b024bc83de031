#!/usr/bin/env python3
"""Times clang-tidy-22 on large real translation units in three modes:

  parse-only  --checks=-*,misc-misleading-bidirectional (the baseline)
  raii        --checks=-*,raii-*  (every check of the plugin)
  engine      the five checks sharing the acquire/release engine
  csa         --checks=-*,clang-analyzer-unix.Malloc,clang-analyzer-unix.Stream,
                         clang-analyzer-cplusplus.NewDeleteLeaks

Runs are interleaved (mode A, B, C, A, B, C, ...) and the median of --runs
runs is reported per file. Usage:

  bench.py --plugin build/lib/libRaiiTidy.so --runs 5 \
      --tu 'path/to/file.c::-I... -D...' [--tu ...] [--markdown]

Never commit the sources the TUs come from (Debian source packages unpacked
under /tmp); only this script and RESULTS.md live in the repository.
"""
import argparse
import shlex
import statistics
import subprocess
import sys
import time

CLANG_TIDY = "/usr/lib/llvm-22/bin/clang-tidy"
MODES = {
    "parse-only": "-*,misc-misleading-bidirectional",
    "raii": "-*,raii-*",
    "engine": "-*,raii-release-skipped,raii-use-guard,raii-double-release,"
              "raii-mismatched-release,raii-reacquire",
    "csa": "-*,clang-analyzer-unix.Malloc,clang-analyzer-unix.Stream,"
           "clang-analyzer-cplusplus.NewDeleteLeaks",
}


def run(plugin, checks, path, flags, timeout=None):
    cmd = [CLANG_TIDY, "--load=" + plugin, "--checks=" + checks, "--quiet",
           path, "--"] + flags
    t0 = time.perf_counter()
    try:
        res = subprocess.run(cmd, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, universal_newlines=True,
                             timeout=timeout)
    except subprocess.TimeoutExpired:
        return float("inf"), ""
    dt = time.perf_counter() - t0
    if "PLEASE submit a bug report" in res.stderr:
        sys.exit("crash on %s with %s:\n%s" % (path, checks, res.stderr))
    return dt, res.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tu", action="append", required=True,
                    help="FILE::COMPILER-FLAGS")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--csa-runs", type=int, default=None,
                    help="runs of the (slow) CSA mode; default --runs")
    ap.add_argument("--csa-timeout", type=float, default=None,
                    help="seconds after which a CSA run counts as '>T'")
    opts = ap.parse_args()

    rows = []
    for tu in opts.tu:
        path, _, flags = tu.partition("::")
        flags = shlex.split(flags)
        times = {m: [] for m in MODES}
        csa_runs = opts.runs if opts.csa_runs is None else opts.csa_runs
        for i in range(opts.runs):
            for mode, checks in MODES.items():
                if mode == "csa" and i >= csa_runs:
                    continue
                dt, _ = run(opts.plugin, checks, path, flags,
                            opts.csa_timeout if mode == "csa" else None)
                times[mode].append(dt)
        # A mode with no runs (--csa-runs 0) has no median.
        med = {m: statistics.median(v) if v else None
               for m, v in times.items()}
        rows.append((path, med))
        print("%s: parse %.3fs raii %.3fs csa %s" % (
            path, med["parse-only"], med["raii"], med["csa"]), file=sys.stderr)
    def fmt(t):
        if t is None:
            return "not run"
        return ">%.0f" % opts.csa_timeout if t == float("inf") else "%.3f" % t

    def pct(t, base):
        if t is None or t == float("inf"):
            return "n/a"
        return "%+.1f%%" % (100 * (t / base - 1))

    if opts.markdown:
        print("| translation unit | parse-only (s) | engine checks (s) | engine "
              "overhead | raii-* (s) | raii-* overhead "
              "| CSA resource checkers (s) | CSA overhead |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        tp = tr = tc = te = 0.0
        for path, med in rows:
            tp += med["parse-only"]
            tr += med["raii"]
            tc = None if med["csa"] is None or tc is None else tc + med["csa"]
            te += med["engine"]
            print("| %s | %.3f | %.3f | %+.1f%% | %.3f | %+.1f%% | %s | %s |" % (
                path.split("/tmp/engsrc/")[-1], med["parse-only"],
                med["engine"], 100 * (med["engine"] / med["parse-only"] - 1),
                med["raii"], 100 * (med["raii"] / med["parse-only"] - 1),
                fmt(med["csa"]), pct(med["csa"], med["parse-only"])))
        print("| **total** | %.3f | %.3f | %+.1f%% | %.3f | %+.1f%% | %s | %s |" % (
            tp, te, 100 * (te / tp - 1), tr, 100 * (tr / tp - 1), fmt(tc),
            pct(tc, tp)))


if __name__ == "__main__":
    main()
