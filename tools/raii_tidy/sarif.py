"""SARIF 2.1.0 output (--sarif FILE, --format sarif) and the merge of the SARIF
files of several shards (raii-tidy merge).

One run per log. tool.driver.rules holds every raii-* check (descriptions and
help from docs/checks) and any other check that reported. A result has its
level, the primary location (file relative to the source root, base id
SRCROOT), partialFingerprints.primaryLocationLineHash (raii_tidy.fingerprints),
relatedLocations for the notes, codeFlows for the paths of a skipped release
(acquire, then the exit that skips the release), fixes from the fix-its, and
for a finding silenced by NOLINT (--sarif-include-suppressed) suppressions:
kind inSource, the comment's reason as justification, its place as location.
Diagnostics without a source position, and tool errors, are
toolExecutionNotifications of the invocation.
"""
import json
import pathlib
from urllib.parse import quote

from .errors import DriverError
from .paths import under_root

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
ROOT_ID = "SRCROOT"
PATH_CHECKS = frozenset(["raii-release-skipped"])
_LEVEL = {"error": "error", "warning": "warning", "remark": "note"}


class _Writer:
    def __init__(self, root, sources):
        self.root = root
        self.sources = sources

    def artifact(self, path):
        rel = under_root(path, self.root)
        if rel is None:
            return {"uri": pathlib.Path(path).as_uri()}
        return {"uri": quote(rel), "uriBaseId": ROOT_ID}

    def physical(self, loc):
        src = self.sources.get(loc.path)
        region = {"startLine": max(loc.line, 1),
                  "startColumn": src.char_column(loc.line, max(loc.column, 1))}
        if loc.length:
            end_line, end_col = src.line_col(loc.offset + loc.length)
            region["endLine"] = end_line
            region["endColumn"] = src.char_column(end_line, end_col)
        return {"artifactLocation": self.artifact(loc.path), "region": region}

    def location(self, loc, message=None):
        out = {"physicalLocation": self.physical(loc)}
        if message is not None:
            out["message"] = {"text": message}
        return out

    def fixes(self, f):
        by_path = {}
        for r in f.replacements:
            by_path.setdefault(r.path, []).append(
                {"deletedRegion": {"byteOffset": r.offset, "byteLength": r.length},
                 "insertedContent": {"text": r.text}})
        return [{"description": {"text": f"Fix-it of {f.check}"},
                 "artifactChanges": [{"artifactLocation": self.artifact(p),
                                      "replacements": reps}
                                     for p, reps in sorted(by_path.items())]}]

    def result(self, f, rule_index):
        res = {"ruleId": f.check, "ruleIndex": rule_index,
               "level": _LEVEL[f.level],
               "message": {"text": f.message},
               "locations": [self.location(f.location)],
               "partialFingerprints": {"primaryLocationLineHash": f.fingerprint}}
        notes = [n for n in f.notes if n.location]
        if notes:
            res["relatedLocations"] = [
                dict(self.location(n.location, n.message), id=i)
                for i, n in enumerate(notes, 1)]
        if notes and f.check in PATH_CHECKS:
            res["codeFlows"] = [{
                "message": {"text": n.message},
                "threadFlows": [{"locations": [
                    {"location": self.location(f.location, "acquired here")},
                    {"location": self.location(n.location, n.message)}]}]}
                for n in notes]
        if f.replacements:
            res["fixes"] = self.fixes(f)
        if f.suppression is not None:
            res["suppressions"] = [self.suppression(f.suppression)]
        return res

    def suppression(self, s):
        """A finding silenced by a NOLINT comment (--sarif-include-suppressed):
        the comment's place and its reason, when it has them."""
        out = {"kind": "inSource"}
        c = s.comment
        if c is not None:
            if c.reason:
                out["justification"] = c.reason
            src = self.sources.get(s.path)
            out["location"] = {"physicalLocation": {
                "artifactLocation": self.artifact(s.path),
                "region": {"startLine": c.line,
                           "startColumn": src.char_column(c.line, c.column)}}}
        return out


def build_log(findings, notifications, successful, docs, build, root, sources,
              properties=None):
    """The SARIF log of a run. findings have locations; notifications are
    (level, text) pairs."""
    ids = docs.known()
    ids += sorted({f.check for f in findings} - set(ids))
    index = {c: i for i, c in enumerate(ids)}
    w = _Writer(root, sources)
    driver = {"name": "raii-tidy", "version": build.version,
              "semanticVersion": build.version,
              "rules": [docs.rule(c) for c in ids]}
    if build.docs_url:
        driver["informationUri"] = build.docs_url
    invocation = {"executionSuccessful": successful}
    if notifications:
        invocation["toolExecutionNotifications"] = [
            {"level": level, "message": {"text": text}}
            for level, text in notifications]
    run = {"tool": {"driver": driver},
           "originalUriBaseIds": {
               ROOT_ID: {"uri": pathlib.Path(root).as_uri().rstrip("/") + "/"}},
           "columnKind": "unicodeCodePoints",
           "invocations": [invocation],
           "results": [w.result(f, index[f.check]) for f in findings]}
    if properties:
        run["properties"] = properties
    return {"$schema": SCHEMA, "version": VERSION, "runs": [run]}


def dump(log, path=None, stream=None):
    text = json.dumps(log, indent=1, ensure_ascii=False) + "\n"
    if path is not None:
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as e:
            raise DriverError(f"cannot write '{path}': {e}")
    else:
        stream.write(text)


def _result_key(r):
    return json.dumps([r.get("ruleId"), r.get("message"), r.get("locations")],
                      sort_keys=True)


def merge_logs(logs, names):
    """One log of the runs of logs, one run per tool: rules united, results
    de-duplicated (a header finding reported by two shards is one result),
    invocations kept side by side."""
    runs = {}
    order = []
    for log, name in zip(logs, names):
        if not isinstance(log, dict) or log.get("version") != VERSION:
            raise DriverError(f"'{name}' is not a SARIF {VERSION} log")
        for run in log.get("runs", []):
            driver = run.get("tool", {}).get("driver", {})
            tool = driver.get("name")
            if tool not in runs:
                merged = {k: v for k, v in run.items() if k not in ("results",)}
                merged["tool"] = {"driver": dict(driver, rules=[])}
                merged["invocations"] = []
                runs[tool] = (merged, {}, [], set())
                order.append(tool)
            merged, rules, results, seen = runs[tool]
            if run.get("originalUriBaseIds", {}) != merged.get("originalUriBaseIds", {}):
                raise DriverError(f"'{name}': its source root differs from the "
                                  "first log's (originalUriBaseIds); run every "
                                  "shard with the same --source-root")
            ids = [r["id"] for r in driver.get("rules", [])]
            for r in driver.get("rules", []):
                rules.setdefault(r["id"], r)
            merged["invocations"] += run.get("invocations", [])
            for res in run.get("results", []):
                if "ruleId" not in res and "ruleIndex" in res:
                    res["ruleId"] = ids[res["ruleIndex"]]
                k = _result_key(res)
                if k not in seen:
                    seen.add(k)
                    results.append(res)
    out_runs = []
    for tool in order:
        merged, rules, results, _ = runs[tool]
        ids = sorted(rules)
        index = {c: i for i, c in enumerate(ids)}
        merged["tool"]["driver"]["rules"] = [rules[c] for c in ids]
        for res in results:
            if res.get("ruleId") in index:
                res["ruleIndex"] = index[res["ruleId"]]
        merged["results"] = results
        merged.pop("properties", None)
        out_runs.append(merged)
    return {"$schema": SCHEMA, "version": VERSION, "runs": out_runs}
