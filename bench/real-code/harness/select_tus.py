#!/usr/bin/env python3
"""Writes the compilation database the harness runs on for one project.

Reads a build's compile_commands.json and/or writes entries by hand
(--hand 'FLAGS::GLOB'), keeps one entry per source file, applies the project's
TU selection, and writes DEST/compile_commands.json with absolute paths.
setup.sh calls it once per project; run.sh runs every entry of the result.

Selection, in this order:
  --include REGEX   keep files whose path relative to --root matches (any)
  --exclude REGEX   drop files whose relative path matches (any)
  --grep REGEX      keep files whose text matches (RESULTS.md, cppcheck lib/)
  --largest N       keep the N files with the most lines (RESULTS.md, libzmq)
  --keep REGEX      keep these files whatever --grep and --largest say
--drop REGEX removes matching arguments from every command (-Werror: a
warning the compiler build would fail on must not become a TU error here).
"""
import argparse
import glob
import json
import os
import re
import shlex
import sys


def load_entries(args):
    entries = []
    for db in args.db:
        with open(db) as f:
            entries.extend(json.load(f))
    if args.hand:
        for spec in args.hand:
            flags, pattern = spec.split("::", 1)
            for path in sorted(glob.glob(os.path.join(args.root, pattern))):
                path = os.path.abspath(path)
                entries.append({
                    "directory": args.root,
                    "file": path,
                    "arguments": [args.compiler] + shlex.split(flags)
                                 + ["-c", path],
                })
    return entries


def drop_args(entry, patterns):
    if not patterns:
        return entry
    args = entry.get("arguments") or shlex.split(entry["command"])
    args = [a for a in args if not any(re.fullmatch(r, a) for r in patterns)]
    entry = {k: v for k, v in entry.items() if k != "command"}
    entry["arguments"] = args
    return entry


def absolute(entry):
    path = entry["file"]
    if not os.path.isabs(path):
        path = os.path.join(entry["directory"], path)
    return os.path.normpath(path)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--root", required=True, help="project source root")
    p.add_argument("--dest", required=True, help="directory to write to")
    p.add_argument("--db", action="append", default=[],
                   help="a build's compile_commands.json (repeatable)")
    p.add_argument("--hand", action="append", default=[],
                   help="'FLAGS::GLOB' entries written by hand (repeatable)")
    p.add_argument("--compiler", default="clang-22")
    p.add_argument("--include", action="append", default=[])
    p.add_argument("--exclude", action="append", default=[])
    p.add_argument("--grep")
    p.add_argument("--largest", type=int)
    p.add_argument("--keep", action="append", default=[])
    p.add_argument("--drop", action="append", default=[])
    p.add_argument("--expect", type=int,
                   help="TU count the RESULTS docs give (a warning if not)")
    args = p.parse_args()
    args.root = os.path.abspath(args.root)

    by_file = {}
    for entry in load_entries(args):
        path = absolute(entry)
        if not path.endswith((".c", ".cc", ".cpp", ".cxx", ".C")):
            continue
        rel = os.path.relpath(path, args.root)
        if args.include and not any(re.search(r, rel) for r in args.include):
            continue
        if any(re.search(r, rel) for r in args.exclude):
            continue
        by_file.setdefault(path, drop_args(dict(entry, file=path), args.drop))

    def kept(path):
        rel = os.path.relpath(path, args.root)
        return any(re.search(r, rel) for r in args.keep)

    files = sorted(by_file)
    if args.grep:
        rx = re.compile(args.grep)
        files = [f for f in files
                 if kept(f) or rx.search(open(f, errors="replace").read())]
    if args.largest is not None:
        def lines(f):
            with open(f, errors="replace") as fh:
                return sum(1 for _ in fh)
        chosen = sorted((f for f in files if not kept(f)),
                        key=lambda f: (-lines(f), f))[:args.largest]
        files = sorted(set(chosen) | {f for f in files if kept(f)})

    os.makedirs(args.dest, exist_ok=True)
    with open(os.path.join(args.dest, "compile_commands.json"), "w") as f:
        json.dump([by_file[x] for x in files], f, indent=1)
    with open(os.path.join(args.dest, "root"), "w") as f:
        f.write(args.root + "\n")
    name = os.path.basename(os.path.normpath(args.dest))
    note = ""
    if args.expect is not None and args.expect != len(files):
        note = f" (the RESULTS docs record {args.expect})"
    print(f"{name}: {len(files)} TUs{note}", file=sys.stderr)


if __name__ == "__main__":
    main()
