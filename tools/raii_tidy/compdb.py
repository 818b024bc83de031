"""The files of a whole-project run: read from compile_commands.json (or named
on the command line), filtered by --files / --exclude, split by --shard.

The split is deterministic: the selected files sorted by path, and shard i of
N (1-based) takes every N-th file starting at the i-th, so every machine
computes the same split from the same checkout and database.
"""
import json
import os
import re

from .errors import DriverError


def find_database(build_path, start_dir):
    """Path of compile_commands.json: in build_path (-p) if given, else in
    start_dir or its nearest parent that has one; None when there is none."""
    if build_path is not None:
        path = build_path
        if os.path.isdir(path):
            path = os.path.join(path, "compile_commands.json")
        if not os.path.isfile(path):
            raise DriverError(f"no compilation database at '{path}'")
        return os.path.abspath(path)
    d = os.path.abspath(start_dir)
    while True:
        path = os.path.join(d, "compile_commands.json")
        if os.path.isfile(path):
            return path
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def load_files(db_path):
    """The distinct source files of a compilation database (absolute, normalised)."""
    try:
        with open(db_path, encoding="utf-8") as f:
            entries = json.load(f)
    except (OSError, ValueError) as e:
        raise DriverError(f"cannot read compilation database '{db_path}': {e}")
    if not isinstance(entries, list):
        raise DriverError(f"'{db_path}' is not a JSON array of compile commands")
    files = set()
    for e in entries:
        try:
            files.add(os.path.normpath(os.path.join(e["directory"], e["file"])))
        except (KeyError, TypeError):
            raise DriverError(f"'{db_path}': an entry lacks 'directory' or 'file'")
    return files


def compile_regexes(patterns, option):
    out = []
    for p in patterns or []:
        try:
            out.append(re.compile(p))
        except re.error as e:
            raise DriverError(f"{option} '{p}': bad regular expression: {e}")
    return out


def select(files, include, exclude):
    """Sorted files whose absolute path matches some include regex (all when
    none is given) and no exclude regex (re.search, Python syntax)."""
    return sorted(f for f in files
                  if (not include or any(r.search(f) for r in include))
                  and not any(r.search(f) for r in exclude))


def parse_shard(text):
    """'i/N' -> (i, N), 1 <= i <= N."""
    m = re.fullmatch(r"(\d+)/(\d+)", text or "")
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise DriverError(f"--shard '{text}': expected i/N with 1 <= i <= N")
    return int(m.group(1)), int(m.group(2))


def shard(files, index, count):
    """Shard index (1-based) of count of the sorted list files."""
    return files[index - 1::count]
