#!/usr/bin/env python3
"""Per-invocation overhead of raii-tidy over a bare clang-tidy run with the
plugin, on a one-line translation unit (bench/driver/RESULTS.md).

usage: overhead.py BUILD_DIR [RUNS]   (run under the CPU lock)

Paired, interleaved runs (order alternating per pair), each run timed as a
whole process from fork to exit:
  bare     <clang-tidy> --load=<plugin> --checks=-*,raii-* tiny.cpp -- -std=c++17
  driver   <BUILD_DIR>/bin/raii-tidy tiny.cpp -- -std=c++17
           (pass-through: what CMAKE_CXX_CLANG_TIDY and per-file editors do)
  python   <driver's interpreter> -IS -c pass (the floor of any Python driver)
Prints the median of each and of the per-pair difference driver - bare.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time


def launcher_constants(build):
    """The clang-tidy and interpreter the launcher was configured with."""
    path = os.path.join(build, "bin", "raii-tidy")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    python = text.splitlines()[0][2:].split()[0]
    clang_tidy = text.split('clang_tidy="', 1)[1].split('"', 1)[0]
    return path, python, clang_tidy


def timed(argv, cwd):
    start = time.perf_counter()
    r = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"failed ({r.returncode}): {' '.join(argv)}")
    return elapsed * 1000.0


def main(build, runs="41"):
    runs = int(runs)
    build = os.path.abspath(build)
    driver, python, clang_tidy = launcher_constants(build)
    plugin = os.path.join(build, "lib", "libRaiiTidy.so")
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "tiny.cpp"), "w") as f:
            f.write("int main() { return 0; }\n")
        bare = [clang_tidy, f"--load={plugin}", "--checks=-*,raii-*",
                "tiny.cpp", "--", "-std=c++17"]
        drv = [driver, "tiny.cpp", "--", "-std=c++17"]
        py = [python, "-IS", "-c", "pass"]
        for argv in (bare, drv, py):       # warm the caches
            timed(argv, d)
        t = {"bare": [], "driver": [], "python": []}
        diffs = []
        for i in range(runs):
            order = [("bare", bare), ("driver", drv)]
            if i % 2:
                order.reverse()
            got = {name: timed(argv, d) for name, argv in order}
            t["bare"].append(got["bare"])
            t["driver"].append(got["driver"])
            t["python"].append(timed(py, d))
            diffs.append(got["driver"] - got["bare"])
    med = {k: statistics.median(v) for k, v in t.items()}
    print(f"runs {runs} (paired, interleaved), medians in ms")
    print(f"bare clang-tidy --load   {med['bare']:7.1f}")
    print(f"raii-tidy pass-through   {med['driver']:7.1f}")
    print(f"overhead (paired median) {statistics.median(diffs):7.1f}  "
          f"(quartiles {statistics.quantiles(diffs, n=4)[0]:.1f} .. "
          f"{statistics.quantiles(diffs, n=4)[2]:.1f})")
    print(f"python -IS -c pass       {med['python']:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
