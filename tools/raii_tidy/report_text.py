"""The plain-text report of a whole-project run, one line per diagnostic and
note in clang's `file:line:col: level: message [check]` form (no source
snippets), sorted by file and position."""


def write(findings, stream, shown):
    for f in findings:
        loc = f.location
        where = f"{shown(loc.path)}:{loc.line}:{loc.column}: " if loc else ""
        stream.write(f"{where}{f.level}: {f.message} [{f.check}]\n")
        for n in f.notes:
            nl = n.location
            nwhere = f"{shown(nl.path)}:{nl.line}:{nl.column}: " if nl else ""
            stream.write(f"{nwhere}note: {n.message}\n")
