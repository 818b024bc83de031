"""Finds the clang-tidy and the plugin a run uses and makes sure they match.

A plugin built for one LLVM major dies in the dynamic loader inside any other
clang-tidy, before it can say why, so the pairing is refused up front. The
check costs a `clang-tidy --version` (about 0.1 s), so it is done once: for
the clang-tidy this build was configured with, CMake did it; for another one
(RAII_TIDY_CLANG_TIDY) the answer is cached per binary (path, size, mtime) in
$RAII_TIDY_CACHE_DIR, else $XDG_CACHE_HOME/raii-tidy, else ~/.cache/raii-tidy.
"""
import os

from .errors import DriverError


class Host:
    """The clang-tidy binary, its LLVM version and the plugin to load."""

    def __init__(self, clang_tidy, version, plugin):
        self.clang_tidy = clang_tidy
        self.version = version
        self.plugin = plugin


def query_version(clang_tidy):
    """Runs `clang_tidy --version` and returns the LLVM version it names."""
    import re          # imported here: pass-through runs never need them,
    import subprocess  # and they cost a third of Python's start-up
    try:
        out = subprocess.run([clang_tidy, "--version"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True).stdout
    except OSError:
        out = ""
    m = re.search(r"LLVM version (\d[\d.]*)", out)
    if not m:
        raise DriverError(f"cannot tell the LLVM version of '{clang_tidy}'")
    return m.group(1)


def _cache_file(env):
    base = env.get("RAII_TIDY_CACHE_DIR")
    if not base:
        xdg = env.get("XDG_CACHE_HOME") or (
            os.path.join(env["HOME"], ".cache") if env.get("HOME") else None)
        if not xdg:
            return None
        base = os.path.join(xdg, "raii-tidy")
    return os.path.join(base, "clang-tidy-versions.json")


def _cached_version(clang_tidy, env):
    import json
    real = os.path.realpath(clang_tidy)
    st = os.stat(real)
    key = f"{real}\0{st.st_size}\0{st.st_mtime_ns}"
    path = _cache_file(env)
    table = {}
    if path:
        try:
            with open(path, encoding="utf-8") as f:
                table = json.load(f)
            if key in table:
                return table[key]
        except (OSError, ValueError):
            table = {}
    version = query_version(clang_tidy)
    if path:
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            table[key] = version
            tmp = f"{path}.{os.getpid()}"
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(table, f)
            os.replace(tmp, path)
        except OSError:
            pass  # an unwritable cache only costs the check next time
    return version


def resolve(build, env):
    """The Host for this run; raises DriverError when it cannot work."""
    clang_tidy = env.get("RAII_TIDY_CLANG_TIDY") or build.clang_tidy
    plugin = env.get("RAII_TIDY_PLUGIN") or build.plugin
    if not (os.path.isfile(clang_tidy) and os.access(clang_tidy, os.X_OK)):
        raise DriverError(
            f"clang-tidy not found at '{clang_tidy}'; install "
            f"clang-tidy-{build.llvm_major} or set RAII_TIDY_CLANG_TIDY")
    if not os.path.isfile(plugin):
        raise DriverError(f"plugin not found at '{plugin}'; build raii-tidy "
                          "first or set RAII_TIDY_PLUGIN")
    if clang_tidy == build.clang_tidy and build.clang_tidy_version:
        version = build.clang_tidy_version
    else:
        version = _cached_version(clang_tidy, env)
    if version.split(".")[0] != build.llvm_major:
        major = version.split(".")[0]
        raise DriverError(
            f"'{clang_tidy}' is LLVM {version} but the plugin was built for "
            f"LLVM {build.llvm_version}; use clang-tidy-{build.llvm_major} (set "
            f"RAII_TIDY_CLANG_TIDY) or rebuild raii-tidy against LLVM {major}")
    return Host(clang_tidy, version, plugin)
