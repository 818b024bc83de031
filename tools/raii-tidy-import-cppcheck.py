#!/usr/bin/env python3
"""raii-tidy-import-cppcheck: converts cppcheck library files into a rule file.

Reads the <memory> and <resource> groups of one or more cppcheck library
(.cfg) files and writes an equivalent raii-tidy rule file (schema version 1,
rules/README.md). Everything it cannot express, or expresses with an
assumption, is said on stderr as `file:line: warning: ...` or
`file:line: note: ...`; nothing is dropped silently. The last stderr line is
a summary that accounts for every <alloc>, <realloc>, <dealloc> and <use>
entry: converted, already shipped, or explained by a warning.

Mapping (docs/rules-import.md has the details):
  <memory> / <resource> group  -> a family of kind 'memory' / 'resource';
                                  groups sharing a <dealloc> are merged, as
                                  cppcheck merges them; a group whose
                                  deallocs a shipped family has becomes an
                                  `extends:` entry of that family
  <alloc>f</alloc>             -> acquire f, handle: return
  <alloc arg="N">f</alloc>     -> acquire f, handle: out N-1 (success: always)
  <realloc realloc-arg="N">    -> acquire f (return) + release f, arg N-1
  <dealloc arg="N">f</dealloc> -> release f, handle: arg N-1
  <use>f</use>                 -> transfer f, arg 0
  init=, buffer-size=          -> ignored: they describe the buffer's
                                  contents and size, not its lifetime
The invalid value of a returned handle comes from the file's own
<function name="f"><returnValue type="T"> when it has one: an integer type
means 'negative', a pointer 'null'; otherwise 'null' is assumed (noted).

Exit status: 0 when every input was read (a rule file is written when at
least one family is left to write), 1 when an input could not be read or
parsed, 2 on usage errors.
"""
import argparse
import os
import re
import sys
import xml.parsers.expat

IDENT = re.compile(r"^(::)?[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*$")
INTEGER_TYPES = re.compile(
    r"^(const\s+)?(signed\s+|unsigned\s+)?(char|short|int|long|long\s+long|"
    r"ssize_t|size_t|int\d+_t|intptr_t|off_t|pid_t|mqd_t)(\s+int)?$")
KNOWN_ATTRS = {
    "alloc": {"init", "buffer-size", "arg"},
    "realloc": {"init", "buffer-size", "realloc-arg", "arg"},
    "dealloc": {"arg"},
    "use": set(),
}
# Functions whose failure value is neither null nor negative: a rule cannot
# say so (schema version 1 knows 'null' and 'negative'), and a rule that
# assumed null would take the failure branch for a held handle. API facts
# from the functions' manuals.
SENTINELS = [
    (re.compile(r"^mmap(64)?$"), "MAP_FAILED"),
    (re.compile(r"^iconv_open$"), "(iconv_t)-1"),
    (re.compile(r"^(CreateFile|CreateFile2|FindFirstFile|FindFirstStream|"
                r"FindFirstChangeNotification|FindFirstVolume|"
                r"CreateToolhelp32Snapshot|CreateNamedPipe|CreateMailslot|"
                r"ReOpenFile)"), "INVALID_HANDLE_VALUE"),
]
# Where cppcheck packages install their libraries, for bare names ("posix").
CPPCHECK_CFG_DIRS = ["/usr/share/cppcheck/cfg", "/usr/local/share/cppcheck/cfg"]


class Node:
    """An XML element with the line it starts on."""

    def __init__(self, tag, attrs, line, parent):
        self.tag, self.attrs, self.line, self.parent = tag, attrs, line, parent
        self.children = []
        self.text = ""


def parse_xml(path):
    """The root Node of PATH, keeping line numbers (ElementTree drops them)."""
    parser = xml.parsers.expat.ParserCreate()
    root = Node("#document", {}, 0, None)
    stack = [root]

    def start(tag, attrs):
        node = Node(tag, attrs, parser.CurrentLineNumber, stack[-1])
        stack[-1].children.append(node)
        stack.append(node)

    def end(tag):
        stack.pop()

    def chars(data):
        stack[-1].text += data

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    with open(path, "rb") as f:
        parser.ParseFile(f)
    return root.children[0] if root.children else None


class Reporter:
    def __init__(self):
        self.warnings = 0

    def warn(self, where, msg):
        self.warnings += 1
        sys.stderr.write("%s: warning: %s\n" % (where, msg))

    def note(self, where, msg):
        sys.stderr.write("%s: note: %s\n" % (where, msg))


class Entry:
    """One <alloc>/<realloc>/<dealloc>/<use> line of a group."""

    def __init__(self, kind, name, where, handle=None, release_arg=None):
        self.kind, self.name, self.where = kind, name, where
        self.handle = handle          # acquires: 'return' or 'out N'
        self.release_arg = release_arg  # releases and reallocs: N
        self.invalid = None
        self.weight = 1  # 0 for the release half of a <realloc> entry


class Group:
    def __init__(self, category, stem, where):
        self.category, self.stem, self.where = category, stem, where
        self.acquires, self.releases, self.uses = [], [], []

    def dealloc_names(self):
        return {e.name for e in self.releases}


def read_rule_files(rules_dir):
    """[(file, family, {section: [functions]}, extends)] for the rule files
    in RULES_DIR, in file order; `extends` is true for an `- extends: NAME`
    entry, which adds its functions to the family NAME of an earlier file.

    Reads the `- name:`/`- extends:` and `function:` entries of the shipped
    files (which are written one entry per line), enough to know what they
    name. Shared with tools/rules-catalog.py (catalog figures, README check).
    """
    out = []
    for fn in sorted(os.listdir(rules_dir)):
        if not fn.endswith(".yaml"):
            continue
        family, section = None, None
        with open(os.path.join(rules_dir, fn)) as f:
            for line in f:
                m = re.match(r"^\s*-\s*(name|extends):\s*(\S+)", line)
                if m:
                    family = {"acquire": [], "release": [], "transfer": []}
                    out.append((fn, m.group(2), family, m.group(1) == "extends"))
                    section = None
                    continue
                m = re.match(r"^\s*(acquire|release|transfer):\s*$", line)
                if m:
                    section = m.group(1)
                    continue
                m = re.search(r"function:\s*\"?([^,\"}\s]+)", line)
                if m and family is not None and section:
                    family[section].append(m.group(1))
    return out


def shipped_catalog(rules_dir):
    """{(function, section): family} for the rule files in RULES_DIR."""
    names = {}
    if not rules_dir:
        return names
    for _, family, sections, _ in read_rule_files(rules_dir):
        for section, functions in sections.items():
            for fn in functions:
                names.setdefault((fn, section), family)
    return names


# CMake substitutes the source tree's rules/ for the copy in build/bin.
CONFIGURED_RULES_DIR = "@RAII_SHIPPED_RULES_DIR@"


def default_rules_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    for cand in (CONFIGURED_RULES_DIR, os.path.join(here, "..", "rules"),
                 os.path.join(here, "..", "share", "raii-tidy", "rules")):
        if not cand or "@" in cand:
            continue
        if os.path.isfile(os.path.join(cand, "README.md")) or \
                os.path.isfile(os.path.join(cand, "memory.yaml")):
            return os.path.normpath(cand)
    return None


def resolve_cfg(arg):
    """ARG as a path, or a bare library name ("posix") looked up where
    cppcheck installs its libraries (as `cppcheck --library=posix` does)."""
    if os.path.exists(arg) or "/" in arg:
        return arg
    name = arg if arg.endswith(".cfg") else arg + ".cfg"
    dirs = list(CPPCHECK_CFG_DIRS)
    libdir = "/usr/lib"
    if os.path.isdir(libdir):
        for sub in sorted(os.listdir(libdir)):
            dirs.append(os.path.join(libdir, sub, "cppcheck", "cfg"))
    for d in dirs:
        cand = os.path.join(d, name)
        if os.path.isfile(cand):
            return cand
    return arg


def return_types(root):
    """{function name: return type} from the file's <function> entries."""
    types = {}
    for node in root.children:
        if node.tag != "function":
            continue
        rv = [c for c in node.children if c.tag == "returnValue"]
        if not rv or "type" not in rv[0].attrs:
            continue
        for name in node.attrs.get("name", "").split(","):
            if name.strip():
                types[name.strip()] = rv[0].attrs["type"].strip()
    return types


def invalid_for(rtype):
    if rtype is None:
        return None
    if "*" in rtype:
        return "null"
    if INTEGER_TYPES.match(rtype.strip()):
        return "negative"
    return None


def arg_index(value, where, attr, rep):
    """cppcheck numbers arguments from 1; the schema from 0."""
    if value is None:
        return 0
    if not value.isdigit() or int(value) < 1:
        rep.warn(where, "%s=\"%s\" is not an argument number; entry skipped"
                 % (attr, value))
        return None
    return int(value) - 1


def read_groups(path, rep, counts):
    """The groups of PATH, and its return-type table."""
    stem = os.path.splitext(os.path.basename(path))[0]
    try:
        root = parse_xml(path)
    except (OSError, xml.parsers.expat.ExpatError) as e:
        sys.stderr.write("%s: error: cannot read cppcheck library: %s\n" % (path, e))
        return None, None
    if root is None or root.tag != "def":
        sys.stderr.write("%s: error: not a cppcheck library (root element is not <def>)\n"
                         % path)
        return None, None
    types = return_types(root)
    groups = []
    for node in root.children:
        if node.tag not in ("memory", "resource"):
            continue
        g = Group(node.tag, stem, "%s:%d" % (path, node.line))
        for attr in node.attrs:
            rep.warn(g.where, "attribute '%s' of <%s> is not supported; ignored"
                     % (attr, node.tag))
        for c in node.children:
            where = "%s:%d" % (path, c.line)
            name = c.text.strip()
            counts["entries"] += 1
            if c.tag not in KNOWN_ATTRS:
                rep.warn(where, "<%s> in <%s> is not supported; entry skipped"
                         % (c.tag, node.tag))
                counts["explained"] += 1
                continue
            unknown = set(c.attrs) - KNOWN_ATTRS[c.tag]
            if unknown:
                rep.warn(where, "attribute(s) %s of <%s> not supported; entry skipped"
                         % (", ".join(sorted(unknown)), c.tag))
                counts["explained"] += 1
                continue
            if not IDENT.match(name):
                rep.warn(where, "'%s' is not a function name a rule can match; "
                         "entry skipped" % name)
                counts["explained"] += 1
                continue
            sentinel = next((s for r, s in SENTINELS if r.match(name)), None)
            if sentinel and c.tag in ("alloc", "realloc") and "arg" not in c.attrs:
                rep.warn(where, "'%s' fails with %s, a failure value rule "
                         "files cannot name (only null and negative); not "
                         "converted" % (name, sentinel))
                counts["explained"] += 1
                continue
            if c.tag == "alloc":
                if "arg" in c.attrs:
                    i = arg_index(c.attrs["arg"], where, "arg", rep)
                    if i is None:
                        counts["explained"] += 1
                        continue
                    e = Entry("acquire", name, where, handle="out %d" % i)
                else:
                    e = Entry("acquire", name, where, handle="return")
                g.acquires.append(e)
            elif c.tag == "realloc":
                if "arg" in c.attrs:
                    rep.warn(where, "<realloc arg=...> (reallocation into an "
                             "out-parameter) is not supported; entry skipped")
                    counts["explained"] += 1
                    continue
                i = arg_index(c.attrs.get("realloc-arg"), where, "realloc-arg", rep)
                if i is None:
                    counts["explained"] += 1
                    continue
                g.acquires.append(Entry("acquire", name, where, handle="return"))
                half = Entry("release", name, where, release_arg=i)
                half.weight = 0
                g.releases.append(half)
            elif c.tag == "dealloc":
                i = arg_index(c.attrs.get("arg"), where, "arg", rep)
                if i is None:
                    counts["explained"] += 1
                    continue
                g.releases.append(Entry("release", name, where, release_arg=i))
            else:
                g.uses.append(Entry("use", name, where))
        for e in g.acquires:
            if e.handle == "return":
                e.invalid = invalid_for(types.get(e.name))
        groups.append(g)
    return groups, types


def merge_groups(groups):
    """Merges groups that share a dealloc (cppcheck identifies a group by
    its deallocs), keeping the first group's position."""
    merged = []
    by_dealloc = {}
    for g in groups:
        target = None
        for d in g.dealloc_names():
            if (g.category, d) in by_dealloc:
                target = by_dealloc[(g.category, d)]
                break
        if target is None:
            merged.append(g)
            target = g
        else:
            target.acquires += g.acquires
            target.releases += g.releases
            target.uses += g.uses
        for d in g.dealloc_names():
            by_dealloc[(g.category, d)] = target
    return merged


def family_name(g, used):
    base = "%s-%s" % (g.stem, g.releases[0].name if g.releases else g.acquires[0].name)
    base = re.sub(r"[^A-Za-z0-9]+", "-", base).strip("-").lower()
    name, n = base, 2
    while name in used:
        name, n = "%s-%d" % (base, n), n + 1
    used.add(name)
    return name


def yaml_name(s):
    return '"%s"' % s if s.startswith("::") else s


def convert(groups, shipped, rep, counts, assume_null_note=True):
    """The families to write, as lists of lines."""
    out = []
    used = set()
    seen_acq, seen_rel = {}, {}
    for g in groups:
        shipped_rel = sorted({shipped[(r.name, "release")]
                              for r in g.releases if (r.name, "release") in shipped})
        if len(shipped_rel) > 1:
            # Its releases belong to several shipped families: no one family
            # can take its acquires.
            for e in g.acquires + g.releases + g.uses:
                section = {"acquire": "acquire", "release": "release",
                           "use": "transfer"}[e.kind]
                if (e.name, section) in shipped:
                    counts["shipped"] += e.weight
                elif e.weight:
                    counts["explained"] += 1
                    rep.warn(e.where,
                             "'%s' is released by functions of several shipped "
                             "families (%s); not converted"
                             % (e.name, ", ".join(shipped_rel)))
            continue
        extends = shipped_rel[0] if shipped_rel else None
        acquires, releases, transfers = [], [], []
        seen_here = set()
        for e in g.acquires + g.releases + g.uses:
            key = (e.kind, e.name, e.handle, e.release_arg)
            e.duplicate = key in seen_here  # merged groups repeat entries
            seen_here.add(key)
        for e in g.acquires:
            if e.duplicate:
                counts["converted"] += e.weight
                continue
            if (e.name, "acquire") in shipped:
                counts["shipped"] += e.weight
                rep.note(e.where, "'%s' is already an acquire of the shipped "
                         "family '%s'; not repeated" % (e.name, shipped[(e.name, "acquire")]))
                continue
            if e.name in seen_acq:
                counts["explained"] += 1
                rep.warn(e.where, "'%s' is already an acquire of family '%s' "
                         "(%s); a function acquires for one family only; "
                         "entry skipped" % (e.name, seen_acq[e.name][0],
                                            seen_acq[e.name][1]))
                continue
            acquires.append(e)
        for e in g.releases:
            if e.duplicate:
                counts["converted"] += e.weight
                continue
            if (e.name, "release") in shipped:
                counts["shipped"] += e.weight
                continue
            if e.name in seen_rel:
                counts["explained"] += e.weight
                rep.warn(e.where, "'%s' already releases family '%s' (%s); "
                         "entry skipped" % (e.name, seen_rel[e.name][0],
                                            seen_rel[e.name][1]))
                continue
            releases.append(e)
        transfers = []
        for e in g.uses:
            if e.duplicate:
                counts["converted"] += e.weight
            elif (e.name, "transfer") in shipped:
                counts["shipped"] += e.weight
            else:
                transfers.append(e)
        if extends:
            # Its releases are a shipped family's: what is new extends it.
            if not acquires + releases + transfers:
                continue
            for e in acquires:
                seen_acq[e.name] = (extends, e.where)
            for e in releases:
                seen_rel[e.name] = (extends, e.where)
            lines = ["  - extends: %s" % extends,
                     "    # from %s" % g.where]
            out.append(lines + family_rules(g, acquires, releases, transfers,
                                            rep, counts))
            continue
        if not acquires or not releases:
            missing = "acquire" if not acquires else "release"
            for e in acquires + releases + transfers:
                counts["explained"] += e.weight
            rep.warn(g.where, "<%s> group has no %s left to convert; %d "
                     "entr%s not converted" % (
                         g.category, missing, len(acquires + releases + transfers),
                         "y" if len(acquires + releases + transfers) == 1 else "ies"))
            continue
        name = family_name(g, used)
        for e in acquires:
            seen_acq[e.name] = (name, e.where)
        for e in releases:
            seen_rel[e.name] = (name, e.where)
        lines = ["  - name: %s" % name,
                 "    kind: %s" % g.category,
                 "    # from %s" % g.where]
        if g.category == "memory":
            lines.append("    calls: take")
        out.append(lines + family_rules(g, acquires, releases, transfers,
                                        rep, counts))
    return out


def family_rules(g, acquires, releases, transfers, rep, counts):
    """The acquire/release/transfer lines of a family or extension."""
    lines = []
    if acquires:
        lines.append("    acquire:")
    assumed = []
    for e in acquires:
        counts["converted"] += 1
        if e.handle == "return":
            inv = e.invalid
            if inv is None:
                inv = "null"
                assumed.append(e.name)
            lines.append('      - { function: %s, handle: return, invalid: "%s" }'
                         % (yaml_name(e.name), inv))
        else:
            lines.append("      - { function: %s, handle: %s }"
                         % (yaml_name(e.name), e.handle))
            rep.warn(e.where,
                     "cppcheck gives no success convention for '%s' "
                     "(arg=\"%s\"): the out-parameter is taken to be "
                     "acquired whether or not the call succeeds; add "
                     "'success: zero' or 'success: \"true\"' if the API "
                     "says otherwise" % (e.name, int(e.handle.split()[1]) + 1))
    if assumed:
        rep.note(g.where, "no integer or pointer return type known for %s; "
                 "'invalid: null' assumed" % ", ".join("'%s'" % a for a in assumed))
    if releases:
        lines.append("    release:")
    # Deallocs first: diagnostics name a family's first release as the
    # one to use.
    for e in sorted(releases, key=lambda r: r.weight == 0):
        counts["converted"] += e.weight
        lines.append("      - { function: %s, handle: arg %d }"
                     % (yaml_name(e.name), e.release_arg))
    if transfers:
        lines.append("    transfer:")
        for e in transfers:
            counts["converted"] += 1
            lines.append("      - { function: %s, arg: 0 }" % yaml_name(e.name))
    return lines


def main(argv):
    ap = argparse.ArgumentParser(
        prog="raii-tidy-import-cppcheck",
        description="Convert the <memory>/<resource> groups of cppcheck "
                    "library files into a raii-tidy rule file.")
    ap.add_argument("cfg", nargs="+",
                    help="cppcheck library (.cfg) files, or names of the "
                         "libraries cppcheck installs (posix, windows, gtk)")
    ap.add_argument("-o", "--output", default="-",
                    help="rule file to write (default: stdout)")
    ap.add_argument("--area", default=None,
                    help="the rule file's area (default: cppcheck-<stems>)")
    ap.add_argument("--shipped-rules", default=None, metavar="DIR",
                    help="directory of the rule files compiled into the "
                         "plugin (default: found next to this script); "
                         "'none' to convert as if nothing were shipped")
    opts = ap.parse_args(argv)

    rules_dir = opts.shipped_rules
    if rules_dir is None:
        rules_dir = default_rules_dir()
    elif rules_dir == "none":
        rules_dir = None
    elif not os.path.isdir(rules_dir):
        ap.error("--shipped-rules: no such directory: %s" % rules_dir)
    shipped = shipped_catalog(rules_dir)

    rep = Reporter()
    counts = {"entries": 0, "converted": 0, "shipped": 0, "explained": 0}
    groups, failed = [], False
    opts.cfg = [resolve_cfg(c) for c in opts.cfg]
    for path in opts.cfg:
        gs, _ = read_groups(path, rep, counts)
        if gs is None:
            failed = True
            continue
        groups += gs
    groups = merge_groups(groups)
    families = convert(groups, shipped, rep, counts)

    stems = [os.path.splitext(os.path.basename(p))[0] for p in opts.cfg]
    area = opts.area or "cppcheck-" + "-".join(stems)
    text = ["# Imported from cppcheck library file(s) %s by "
            "raii-tidy-import-cppcheck." % ", ".join(os.path.basename(p) for p in opts.cfg),
            "# Review the notes and warnings it printed before relying on it.",
            "version: 1",
            "area: %s" % area,
            "families:"]
    for lines in families:
        text += lines
    extensions = sum(1 for lines in families if lines[0].startswith("  - extends:"))
    sys.stderr.write(
        "raii-tidy-import-cppcheck: %d entries: %d converted into %d families "
        "and %d extension(s) of shipped families, %d already shipped, %d not "
        "converted (each explained above)\n"
        % (counts["entries"], counts["converted"], len(families) - extensions,
           extensions, counts["shipped"], counts["explained"]))
    accounted = counts["converted"] + counts["shipped"] + counts["explained"]
    if accounted != counts["entries"]:
        sys.stderr.write("raii-tidy-import-cppcheck: internal error: %d of %d "
                         "entries unaccounted for\n"
                         % (counts["entries"] - accounted, counts["entries"]))
        return 1
    if not families:
        # Schema version 1 needs at least one family: write nothing.
        sys.stderr.write("raii-tidy-import-cppcheck: no rule file written: "
                         "nothing left to convert\n")
        return 1 if failed else 0
    data = "\n".join(text) + "\n"
    if opts.output == "-":
        sys.stdout.write(data)
    else:
        with open(opts.output, "w") as f:
            f.write(data)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
