"""Merges the fixes of a whole-project run and applies them once.

Each finding's fix is atomic (all of its replacements or none). Fixes are
taken in the order of the findings (by file and offset); a replacement equal
to one already taken (the same header fix reported by several TUs, or two
findings asking for the same #include) is shared, one that overlaps a
different replacement makes the later finding's fix a conflict: reported,
not applied. Every file is then written once.
"""


class Conflict:
    def __init__(self, finding, other, path):
        self.finding, self.other, self.path = finding, other, path


class FixPlan:
    def __init__(self):
        self.by_path = {}       # path -> {replacement key: Replacement}
        self.fixed = []         # findings whose fix is taken
        self.conflicts = []

    @property
    def replacement_count(self):
        return sum(len(v) for v in self.by_path.values())


def _overlap(a, b):
    (o1, l1), (o2, l2) = (a.offset, a.length), (b.offset, b.length)
    if l1 == 0 and l2 == 0:
        return o1 == o2
    if l1 == 0:
        return o2 <= o1 < o2 + l2
    if l2 == 0:
        return o1 <= o2 < o1 + l1
    return max(o1, o2) < min(o1 + l1, o2 + l2)


def fix_of(finding, fix_notes):
    """The replacements --fix applies for a finding: its own, or with
    --fix-notes the single note that carries some when it has none."""
    if finding.replacements:
        return finding.replacements
    if fix_notes:
        with_fix = [n for n in finding.notes if n.replacements]
        if len(with_fix) == 1:
            return with_fix[0].replacements
    return []


def plan(findings, fix_notes=False):
    p = FixPlan()
    owner = {}  # replacement key -> finding that brought it
    for f in findings:
        reps = fix_of(f, fix_notes)
        if not reps:
            continue
        clash = None
        for r in reps:
            taken = p.by_path.get(r.path, {})
            if r.key() in taken:
                continue
            for other in taken.values():
                if _overlap(r, other):
                    clash = (owner[other.key()], r.path)
                    break
            if clash:
                break
        if clash:
            p.conflicts.append(Conflict(f, clash[0], clash[1]))
            continue
        for r in reps:
            taken = p.by_path.setdefault(r.path, {})
            if r.key() not in taken:
                taken[r.key()] = r
                owner[r.key()] = f
        p.fixed.append(f)
    return p


def apply(p):
    """Writes every file of the plan once; returns the files written."""
    written = []
    for path, reps in sorted(p.by_path.items()):
        with open(path, "rb") as fh:
            data = fh.read()
        for r in sorted(reps.values(), key=lambda r: (r.offset, r.length),
                        reverse=True):
            if r.offset + r.length > len(data):
                raise ValueError(f"{path}: replacement at {r.offset} is past "
                                 "the end of the file (was it edited?)")
            data = data[:r.offset] + r.text.encode("utf-8") + data[r.offset + r.length:]
        with open(path, "wb") as fh:
            fh.write(data)
        written.append(path)
    return written
