"""Fingerprints that survive unrelated edits: a finding is identified by its
check, its file (relative to the source root) and the text of its line with
whitespace collapsed, plus an occurrence number among findings with the same
three. Line numbers, columns and message wording are not part of it, so
inserting code above a finding, re-indenting it or rewording a diagnostic in
a new raii-tidy release keeps the fingerprint.

f.line_hash    16 hex digits (check + normalised line text)
f.fingerprint  '<line_hash>:<n>' -- SARIF partialFingerprints.primaryLocationLineHash
f.baseline_key (path, check, line_hash) -- what --baseline counts
"""
import hashlib

from .paths import shown


def line_hash(check, line_text):
    norm = " ".join(line_text.split())
    return hashlib.sha256(f"{check}\0{norm}".encode("utf-8")).hexdigest()[:16]


def assign(findings, sources, root, counts=None):
    """Sets the fingerprints of findings; returns the occurrence counts, which
    a later call continues (findings silenced by NOLINT are numbered after
    the reported ones, so including them changes no other fingerprint)."""
    counts = {} if counts is None else counts
    for f in sorted((f for f in findings if f.location), key=lambda f: f.sort_key()):
        loc = f.location
        h = line_hash(f.check, sources.get(loc.path).line_text(loc.line))
        path = shown(loc.path, root)
        key = (path, f.check, h)
        counts[key] = counts.get(key, 0) + 1
        f.line_hash = h
        f.fingerprint = f"{h}:{counts[key]}"
        f.baseline_key = key
    return counts
