"""--write-baseline FILE records the current findings; --baseline FILE then
reports only findings that are not in it. Matching is by fingerprint
(raii_tidy.fingerprints: file, check, normalised line text), counted: if the
baseline holds two findings with one fingerprint and the code now has three,
one is new. Line numbers in the file are for people reading it.
"""
import json

from .errors import DriverError

FORMAT = 1


def write(path, findings):
    entries = sorted(
        ({"path": f.baseline_key[0], "check": f.check,
          "lineHash": f.line_hash, "line": f.location.line,
          "message": f.message}
         for f in findings if f.baseline_key),
        key=lambda e: (e["path"], e["line"], e["check"], e["lineHash"]))
    try:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump({"raiiTidyBaseline": FORMAT, "findings": entries}, fh,
                      indent=1, ensure_ascii=False)
            fh.write("\n")
    except OSError as e:
        raise DriverError(f"cannot write baseline '{path}': {e}")


def read(path):
    """{(path, check, lineHash): count}."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        if doc.get("raiiTidyBaseline") != FORMAT:
            raise ValueError(f"not a raii-tidy baseline of format {FORMAT}")
        counts = {}
        for e in doc["findings"]:
            key = (e["path"], e["check"], e["lineHash"])
            counts[key] = counts.get(key, 0) + 1
        return counts
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise DriverError(f"cannot read baseline '{path}': {e}")


def new_findings(findings, counts):
    """(findings not in the baseline, number that were)."""
    left = dict(counts)
    out = []
    known = 0
    for f in findings:
        k = f.baseline_key
        if k is not None and left.get(k, 0) > 0:
            left[k] -= 1
            known += 1
        else:
            out.append(f)
    return out, known
