"""--diff REV: which lines changed since a git revision, and which
translation units to analyse so that the changed lines of headers are seen.

Changed lines come from `git diff --unified=0 REV` (the work tree against
REV; untracked files are not part of it). A changed header is analysed
through one translation unit that includes it, found with clang-scan-deps
over the compilation database, unless a TU already being analysed for its own
changes includes it.
"""
import os
import re
import subprocess

from .errors import DriverError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def git_toplevel(cwd):
    r = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise DriverError(f"--diff needs a git work tree: {r.stderr.strip()}")
    return r.stdout.strip()


def parse_diff(text, top):
    """{absolute path: sorted list of (first, last) changed lines}."""
    changed = {}
    current = None
    for line in text.splitlines():
        if line.startswith("+++ "):
            target = line[4:]
            current = None
            if target.startswith("b/"):
                current = os.path.realpath(os.path.join(top, target[2:]))
                changed.setdefault(current, [])
            continue
        m = _HUNK.match(line)
        if m and current is not None:
            first = int(m.group(1))
            count = int(m.group(2)) if m.group(2) is not None else 1
            if count:
                changed[current].append((first, first + count - 1))
    return {p: sorted(r) for p, r in changed.items() if r}


def changed_lines(rev, cwd):
    top = git_toplevel(cwd)
    r = subprocess.run(["git", "-c", "core.quotePath=false", "diff",
                        "--no-color", "--no-ext-diff", "--unified=0", rev, "--"],
                       cwd=top, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, errors="replace")
    if r.returncode != 0:
        raise DriverError(f"--diff {rev}: git diff failed: {r.stderr.strip()}")
    return parse_diff(r.stdout, top)


def on_changed_line(location, changed):
    ranges = changed.get(location.path)
    return bool(ranges) and any(a <= location.line <= b for a, b in ranges)


def parse_make_deps(text):
    """{main file: set of files it depends on} from `clang-scan-deps
    -format=make` output, whose first prerequisite of each rule is the main
    file."""
    deps = {}
    text = text.replace("\\\n", " ")
    for rule in text.splitlines():
        _, sep, prereqs = rule.partition(": ")
        if not sep:
            continue
        files = [p.replace("\\ ", " ")
                 for p in re.split(r"(?<!\\)\s+", prereqs.strip()) if p]
        if files:
            main = os.path.realpath(files[0])
            deps.setdefault(main, set()).update(os.path.realpath(f) for f in files[1:])
    return deps


def dependencies(db_path, scan_deps, jobs, purpose="--diff"):
    """{main file: set of files it includes} for the whole database, from
    clang-scan-deps (it only preprocesses)."""
    if not os.path.isfile(scan_deps):
        raise DriverError(f"{purpose}: clang-scan-deps not found at '{scan_deps}'")
    r = subprocess.run([scan_deps, f"-compilation-database={db_path}",
                        "-j", str(jobs), "-format=make"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, errors="replace")
    if r.returncode != 0 and not r.stdout:
        raise DriverError(f"{purpose}: clang-scan-deps failed: {r.stderr.strip()}")
    return parse_make_deps(r.stdout)


def includers(db_path, scan_deps, jobs):
    """{header: set of main files including it} for the whole database."""
    by_header = {}
    for main, files in dependencies(db_path, scan_deps, jobs).items():
        for h in files:
            by_header.setdefault(h, set()).add(main)
    return by_header


def select_units(files, changed, all_db_files, deps_fn):
    """The translation units to analyse for a diff: the candidates in files
    (sorted) whose main file changed, plus for each changed file that is no
    main file the first candidate including it, if none selected does.
    deps_fn() computes the includers map and is only called when needed.
    Returns (units, headers that no candidate includes)."""
    units = [f for f in files if f in changed]
    chosen = set(units)
    headers = sorted(p for p in changed if p not in all_db_files)
    unreached = []
    if headers:
        by_header = deps_fn()
        for h in headers:
            inc = by_header.get(h, set())
            if inc & chosen:
                continue
            candidates = [f for f in files if f in inc]
            if candidates:
                units.append(candidates[0])
                chosen.add(candidates[0])
            else:
                unreached.append(h)
    return sorted(units), unreached
