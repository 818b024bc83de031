#!/usr/bin/env python3
"""Per-invocation overhead of raii-tidy over a bare clang-tidy run with the
plugin, on a one-line translation unit (bench/driver/RESULTS.md).

usage: overhead.py BUILD_DIR [RUNS [PROJECT_ROUNDS]]   (under the CPU lock)

Interleaved runs (the order rotating every round), each run timed as a
whole process from fork to exit:
  bare      <clang-tidy> --load=<plugin> --checks=-*,raii-* tiny.cpp -- -std=c++17
  launcher  <BUILD_DIR>/bin/raii-tidy tiny.cpp -- -std=c++17
            (pass-through: what CMAKE_CXX_CLANG_TIDY and editors run per file)
  python    the same command line through the Python launcher
            (share/raii-tidy/driver/raii-tidy.py, what bin/raii-tidy was before
            the compiled launcher)
  floor     <driver's interpreter> -IS -c pass (any Python driver's start-up)
Prints the median of each and of the per-round differences to bare.

Then project mode, per file: 20 one-function TUs (a small mutex header, no
system headers, so parsing is cheap), each with one finding (so
clang-tidy exports fixes and the driver parses them), in a compilation
database; `raii-tidy -p build -j 1 --progress=none` against the same 20 bare
clang-tidy runs one after another (with --export-fixes, as the driver runs
them), PROJECT_ROUNDS interleaved rounds; the per-file overhead is the
difference of the medians divided by 20.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def launcher_constants(build):
    """The Python launcher, its interpreter and the configured clang-tidy."""
    path = os.path.join(build, "share", "raii-tidy", "driver", "raii-tidy.py")
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


PROJECT_FILES = 20
MINI_MUTEX = """#pragma once
namespace std {
struct mutex { void lock(); void unlock(); };
template <class M> struct lock_guard { explicit lock_guard(M &); ~lock_guard(); };
}
"""
TU = """#include "mini_mutex.h"
std::mutex m{i};
void f{i}() {{ std::lock_guard<std::mutex>{{m{i}}}; }}
"""


def project_mode(build, clang_tidy, plugin, rounds):
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "build"))
        with open(os.path.join(d, "mini_mutex.h"), "w") as f:
            f.write(MINI_MUTEX)
        db = []
        for i in range(PROJECT_FILES):
            path = os.path.join(d, f"f{i}.cpp")
            with open(path, "w") as f:
                f.write(TU.format(i=i))
            db.append({"directory": d, "file": path,
                       "arguments": ["clang++", "-std=c++17", "-c", path]})
        with open(os.path.join(d, "build", "compile_commands.json"), "w") as f:
            json.dump(db, f)
        drv = [os.path.join(build, "bin", "raii-tidy"), "-p", "build", "-j", "1",
               "--progress=none", "--findings-exit-code", "0"]
        bare = [[clang_tidy, f"--load={plugin}", "--checks=-*,raii-*", "-p",
                 "build", f"--export-fixes={d}/bare.yaml", e["file"]] for e in db]
        timed(drv, d)
        t_drv, t_bare = [], []
        for i in range(rounds):
            order = ["drv", "bare"] if i % 2 == 0 else ["bare", "drv"]
            for name in order:
                if name == "drv":
                    t_drv.append(timed(drv, d))
                else:
                    t_bare.append(sum(timed(a, d) for a in bare))
    m_drv, m_bare = statistics.median(t_drv), statistics.median(t_bare)
    print(f"project mode, {PROJECT_FILES} files, -j 1, {rounds} rounds; medians in ms")
    print(f"  raii-tidy -p build  {m_drv:8.1f}")
    print(f"  20 bare runs        {m_bare:8.1f}")
    print(f"  per file            {(m_drv - m_bare) / PROJECT_FILES:8.1f}")


def main(build, runs="41", project_rounds="11"):
    runs = int(runs)
    build = os.path.abspath(build)
    py_launcher, python, clang_tidy = launcher_constants(build)
    plugin = os.path.join(build, "lib", "libRaiiTidy.so")
    tail = ["tiny.cpp", "--", "-std=c++17"]
    cmds = {
        "bare": [clang_tidy, f"--load={plugin}", "--checks=-*,raii-*", *tail],
        "launcher": [os.path.join(build, "bin", "raii-tidy"), *tail],
        "python": [python, "-IS", py_launcher, *tail],
        "floor": [python, "-IS", "-c", "pass"],
    }
    names = list(cmds)
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "tiny.cpp"), "w") as f:
            f.write("int main() { return 0; }\n")
        for argv in cmds.values():       # warm the caches
            timed(argv, d)
        t = {k: [] for k in names}
        for i in range(runs):
            k = i % len(names)
            for name in names[k:] + names[:k]:
                t[name].append(timed(cmds[name], d))
    med = {k: statistics.median(v) for k, v in t.items()}
    print(f"{runs} rounds, interleaved; medians in ms")
    for name in names:
        print(f"  {name:9} {med[name]:7.1f}")
    for name in ("launcher", "python"):
        diffs = [a - b for a, b in zip(t[name], t["bare"])]
        q = statistics.quantiles(diffs, n=4)
        print(f"  {name} - bare: median {statistics.median(diffs):5.1f} "
              f"(quartiles {q[0]:.1f} .. {q[2]:.1f})")
    if int(project_rounds):
        project_mode(build, clang_tidy, plugin, int(project_rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
