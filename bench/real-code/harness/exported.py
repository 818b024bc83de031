"""Reads the fixes a run.sh run exported (RAII_EVAL_FIXES=1): one place for
the layout OUTDIR/fixes/<project>/<index>.yaml and for turning clang-tidy's
YAML diagnostics into findings. Used by fixshare.py and apply_fixes.py.

A finding is keyed by (check, file, offset) as clang-tidy exports it: a
header's finding reported by several TUs is one finding. Its place is
file:line:col, the file relative to the project's source root (as
collect.py writes it), line and column computed from the byte offset.
"""
import glob
import os

import yaml

from collect import roots  # noqa: F401  {project: source root} of a run

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML without libyaml
    _Loader = yaml.SafeLoader

REFUSAL = "no automatic fix: "


def fix_files(outdir, project):
    """{TU index: path of its exported YAML} of one project."""
    found = {}
    for path in glob.glob(os.path.join(outdir, "fixes", project, "*.yaml")):
        found[int(os.path.basename(path)[:-5])] = path
    return found


def load(path):
    """The exported YAML of one TU: its 'Diagnostics' list (maybe empty),
    each with '_main', the TU's main file."""
    with open(path, errors="replace") as f:
        doc = yaml.load(f, Loader=_Loader) or {}
    diags = doc.get("Diagnostics") or []
    for d in diags:
        d["_main"] = doc.get("MainSourceFile", "")
    return diags


_line_starts = {}


def line_col(path, offset):
    """1-based line and byte column of OFFSET in PATH (clang's columns)."""
    starts = _line_starts.get(path)
    if starts is None:
        starts = [0]
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            data = b""
        pos = data.find(b"\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = data.find(b"\n", pos + 1)
        _line_starts[path] = starts
    lo, hi = 0, len(starts) - 1
    while lo < hi:  # the last line start <= offset
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1, offset - starts[lo] + 1


def relative(path, root):
    path = os.path.normpath(path)
    root = root.rstrip("/") + "/"
    return os.path.relpath(path, root) if path.startswith(root) else path


def absolute(path, diag):
    """PATH of DIAG made absolute: clang-tidy writes the paths as the
    compile command names the file (kyotocabinet's are relative to the
    build directory)."""
    return os.path.normpath(os.path.join(diag.get("BuildDirectory", ""),
                                         path))


def replacements(diag):
    """Every replacement of a diagnostic: its own and its notes', each with
    an absolute 'FilePath'."""
    reps = list(diag.get("DiagnosticMessage", {}).get("Replacements") or [])
    for note in diag.get("Notes") or []:
        reps.extend(note.get("Replacements") or [])
    return [dict(r, FilePath=absolute(r["FilePath"], diag)) for r in reps]


def refusals(diag):
    """The reasons of its 'no automatic fix: <reason>' notes."""
    return [n["Message"][len(REFUSAL):] for n in diag.get("Notes") or []
            if n.get("Message", "").startswith(REFUSAL)]


def findings(outdir, project, root):
    """{(check, file, offset): finding} of one project, merged over its TUs.

    A finding is a dict: check, file (absolute), offset, place
    (relative file:line:col), message, language ('C' when a TU reporting it
    is a .c file, else 'C++'), tus (indexes reporting it), fixed_in
    (indexes whose export carries a replacement for it), refusals (set of
    reasons over all TUs), replacements (the set of (file, offset, length,
    text) over all TUs).
    """
    merged = {}
    for idx, path in sorted(fix_files(outdir, project).items()):
        for diag in load(path):
            msg = diag.get("DiagnosticMessage", {})
            check = diag.get("DiagnosticName", "")
            file = absolute(msg.get("FilePath", ""), diag)
            offset = int(msg.get("FileOffset", 0))
            key = (check, file, offset)
            f = merged.get(key)
            if f is None:
                line, col = line_col(file, offset)
                f = merged[key] = {
                    "check": check, "file": file, "offset": offset,
                    "place": f"{relative(file, root)}:{line}:{col}",
                    "message": msg.get("Message", ""), "language": "C++",
                    "tus": set(),
                    "fixed_in": set(), "refusals": set(),
                    "replacements": set()}
            f["tus"].add(idx)
            if diag.get("_main", "").endswith(".c"):
                f["language"] = "C"
            reps = replacements(diag)
            if reps:
                f["fixed_in"].add(idx)
            for r in reps:
                f["replacements"].add((os.path.normpath(r["FilePath"]),
                                       int(r["Offset"]), int(r["Length"]),
                                       r.get("ReplacementText") or ""))
            f["refusals"].update(refusals(diag))
    return merged
