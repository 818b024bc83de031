"""The findings model: clang-tidy diagnostics with their notes, ranges and
replacements, taken from its --export-fixes YAML (never from its text output);
and the de-duplication of findings reported by several translation units
(a header's finding is reported once per TU that includes it)."""
import os
from functools import lru_cache


@lru_cache(maxsize=None)
def canonical(path):
    return os.path.realpath(path)


class Replacement:
    __slots__ = ("path", "offset", "length", "text")

    def __init__(self, path, offset, length, text):
        self.path, self.offset, self.length, self.text = path, offset, length, text

    def key(self):
        return (self.path, self.offset, self.length, self.text)


class Location:
    """A byte offset (and optional length) in a file; line and column are
    filled in from the source by locate()."""
    __slots__ = ("path", "offset", "length", "line", "column")

    def __init__(self, path, offset, length=None):
        self.path, self.offset, self.length = path, offset, length
        self.line = self.column = 0


class Note:
    __slots__ = ("message", "location", "replacements")

    def __init__(self, message, location, replacements):
        self.message, self.location, self.replacements = message, location, replacements


class Finding:
    """One diagnostic. level is 'error', 'warning' or 'remark'; location is
    None for diagnostics about no source position (command-line problems)."""

    def __init__(self, check, message, level, location, notes, replacements,
                 build_dir, tu):
        self.check = check
        self.message = message
        self.level = level
        self.location = location
        self.notes = notes
        self.replacements = replacements
        self.build_dir = build_dir
        self.tu = tu                 # main file of the TU that reported it
        self.line_hash = None        # set by fingerprints.assign
        self.fingerprint = None
        self.baseline_key = None
        self.suppression = None      # set by raii_tidy.suppressed

    @property
    def is_compiler_error(self):
        return self.check.startswith("clang-diagnostic-") and self.level == "error"

    def key(self):
        """Identity across TUs: same check, message, place and notes."""
        loc = self.location
        return (self.check, self.message,
                loc.path if loc else "", loc.offset if loc else -1,
                tuple((n.message, n.location.path if n.location else "",
                       n.location.offset if n.location else -1)
                      for n in self.notes))

    def sort_key(self):
        loc = self.location
        return ((loc.path, loc.offset) if loc else ("", -1)), self.check, self.message


def _path(raw, build_dir):
    if not raw:
        return ""
    if not os.path.isabs(raw):
        raw = os.path.join(build_dir or "", raw)
    return canonical(os.path.normpath(raw))


def _replacements(items, build_dir):
    return [Replacement(_path(r.get("FilePath", ""), build_dir),
                        int(r.get("Offset", 0)), int(r.get("Length", 0)),
                        r.get("ReplacementText", "") or "")
            for r in items or []]


def _location(msg, build_dir):
    path = _path(msg.get("FilePath", ""), build_dir)
    if not path:
        return None
    length = None
    for r in msg.get("Ranges") or []:
        if _path(r.get("FilePath", ""), build_dir) == path and \
                int(r.get("FileOffset", -1)) == int(msg.get("FileOffset", 0)):
            length = int(r.get("Length", 0))
            break
    return Location(path, int(msg.get("FileOffset", 0)), length)


_LEVELS = {"Error": "error", "Warning": "warning", "Remark": "remark"}


def from_export(doc, tu):
    """Findings of one --export-fixes document (a parsed YAML mapping)."""
    out = []
    for d in (doc or {}).get("Diagnostics") or []:
        build_dir = d.get("BuildDirectory", "")
        msg = d.get("DiagnosticMessage") or {}
        notes = [Note(n.get("Message", ""), _location(n, build_dir),
                      _replacements(n.get("Replacements"), build_dir))
                 for n in d.get("Notes") or []]
        out.append(Finding(d.get("DiagnosticName", ""), msg.get("Message", ""),
                           _LEVELS.get(d.get("Level"), "warning"),
                           _location(msg, build_dir), notes,
                           _replacements(msg.get("Replacements"), build_dir),
                           build_dir, tu))
    return out


def locate(findings, sources):
    """Fills in line and column of every location."""
    for f in findings:
        for loc in [f.location] + [n.location for n in f.notes]:
            if loc is not None:
                loc.line, loc.column = sources.get(loc.path).line_col(loc.offset)


def deduplicate(findings):
    """(unique findings in first-seen order, number of duplicates dropped)."""
    seen = set()
    unique = []
    for f in findings:
        k = f.key()
        if k in seen:
            continue
        seen.add(k)
        unique.append(f)
    return unique, len(findings) - len(unique)
