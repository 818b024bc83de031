"""NOLINT comments in source text: which one silences a finding of a check on
a line, and the reason written with it (SARIF suppressions.justification).

clang-tidy decides what is suppressed (raii_tidy.suppressed compares its runs
with and without the comments); this module only finds the comment that did
it, by clang-tidy's rules:

  code;  // NOLINT                      this line, every check
  code;  // NOLINT(check-a, raii-*)     this line, the checks listed (globs)
  // NOLINTNEXTLINE(raii-*)             the next line
  // NOLINTBEGIN(raii-*) ... // NOLINTEND(raii-*)   the lines between

The reason is the rest of the comment after the marker and its check list,
without a leading ':' or '-' (clang-tidy's documentation writes
`// NOLINT: reason`): `// NOLINT(raii-use-guard): handed to the pool` gives
"handed to the pool". A comment without text gives no reason.
"""
import re

NEUTRAL = b"NOLINX"      # what raii_tidy.suppressed writes over b"NOLINT"

_MARKER = re.compile(r"NOLINT(NEXTLINE|BEGIN|END)?(?:\(([^)]*)\))?")


class Comment:
    __slots__ = ("kind", "line", "column", "checks", "reason")

    def __init__(self, kind, line, column, checks, reason):
        self.kind = kind          # "", "NEXTLINE", "BEGIN" or "END"
        self.line = line          # 1-based
        self.column = column      # 1-based byte column of the marker
        self.checks = checks      # None: every check; else a list of globs
        self.reason = reason      # str or None

    def covers(self, check):
        if self.checks is None:
            return True
        return any(_glob(g).fullmatch(check) for g in self.checks)


_GLOBS = {}


def _glob(pattern):
    rx = _GLOBS.get(pattern)
    if rx is None:
        rx = _GLOBS[pattern] = re.compile(
            ".*".join(re.escape(part) for part in pattern.split("*")))
    return rx


def _reason(rest):
    rest = rest.split("*/", 1)[0]
    rest = rest.strip().lstrip(":-").strip()
    return rest or None


def parse(data):
    """The NOLINT comments of a file's bytes, in order."""
    out = []
    if b"NOLINT" not in data:
        return out
    for number, raw in enumerate(data.split(b"\n"), 1):
        if b"NOLINT" not in raw:
            continue
        line = raw.decode("utf-8", errors="replace")
        for m in _MARKER.finditer(line):
            checks = None
            if m.group(2) is not None:
                checks = [c.strip() for c in m.group(2).split(",") if c.strip()]
            out.append(Comment(m.group(1) or "", number,
                               len(line[:m.start()].encode("utf-8")) + 1,
                               checks, _reason(line[m.end():])))
    return out


def silencing(comments, line, check):
    """The comment that silences check on line, or None: a NOLINT on the
    line, a NOLINTNEXTLINE on the line before, or the innermost NOLINTBEGIN
    around it (closed by the NOLINTEND with the same check list)."""
    for c in comments:
        if c.line == line and c.kind == "" and c.covers(check):
            return c
        if c.line == line - 1 and c.kind == "NEXTLINE" and c.covers(check):
            return c
    open_blocks = []
    for c in comments:
        if c.line >= line:
            break
        if c.kind == "BEGIN":
            open_blocks.append(c)
        elif c.kind == "END":
            for i in range(len(open_blocks) - 1, -1, -1):
                if open_blocks[i].checks == c.checks:
                    del open_blocks[i]
                    break
    for c in reversed(open_blocks):
        if c.covers(check):
            return c
    return None
