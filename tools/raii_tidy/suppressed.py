"""--sarif-include-suppressed: the findings that NOLINT comments silence, for
SARIF results with `suppressions` (kind inSource, the comment's reason as
justification).

clang-tidy drops a silenced diagnostic before it exports anything, so the
driver asks clang-tidy twice and lets it decide: the translation units whose
own files carry a NOLINT comment run a second time with a virtual file system
overlay (clang-tidy --vfsoverlay) in which those files read with every
`NOLINT` overwritten by `NOLINX` -- same length, so every offset, line and
column is unchanged and the overlay keeps the real paths. A finding of the
second run that the first did not report was silenced by a comment;
raii_tidy.nolint finds which one and its reason.

"Own files" are the main file and, when there is a compilation database, the
files under the source root it includes (clang-scan-deps, as for --diff).
Translation units without such a comment are not run again.
"""
import json
import os

from . import findings as findingsmod
from . import gitdiff, nolint, runner
from .errors import DriverError
from .paths import under_root


class Suppression:
    """Where a finding was silenced, and why."""
    __slots__ = ("comment", "path")

    def __init__(self, comment, path):
        self.comment, self.path = comment, path   # comment: nolint.Comment or None


class _Scanner:
    """Reads each file at most once: does it carry a NOLINT, and which."""

    def __init__(self):
        self._data = {}

    def data(self, path):
        if path not in self._data:
            try:
                with open(path, "rb") as f:
                    self._data[path] = f.read()
            except OSError:
                self._data[path] = b""
        return self._data[path]

    def has_nolint(self, path):
        return b"NOLINT" in self.data(path)

    def comments(self, path):
        return nolint.parse(self.data(path))


def _write_overlay(paths, scanner, tmp):
    """The overlay file: each path redirected to a copy without NOLINT."""
    roots = []
    for i, path in enumerate(sorted(paths)):
        copy = os.path.join(tmp, f"nolint-{i}{os.path.splitext(path)[1]}")
        with open(copy, "wb") as f:
            f.write(scanner.data(path).replace(b"NOLINT", nolint.NEUTRAL))
        roots.append({"name": path, "type": "file", "external-contents": copy})
    overlay = os.path.join(tmp, "nolint-overlay.json")
    with open(overlay, "w", encoding="utf-8") as f:
        json.dump({"version": 0, "case-sensitive": "true",
                   "use-external-names": False, "roots": roots}, f)
    return overlay


def collect(units, reported_keys, make_argv, jobs, db_path, scan_deps, root,
            sources, tmp, on_done):
    """The silenced findings of units (de-duplicated, each with a
    .suppression), given the keys of every finding the first run reported.
    make_argv(unit, yaml_path, extra_args) is the first run's command line."""
    scanner = _Scanner()
    deps = {}
    if db_path and units:
        deps = gitdiff.dependencies(db_path, scan_deps, jobs,
                                    purpose="--sarif-include-suppressed")
    touched = {}
    for unit in units:
        own = [unit] + sorted(d for d in deps.get(unit, ())
                              if under_root(d, root) is not None)
        marked = [p for p in own if scanner.has_nolint(p)]
        if marked:
            touched[unit] = marked
    if not touched:
        return []
    overlay = _write_overlay({p for ps in touched.values() for p in ps},
                             scanner, tmp)
    run_jobs = []
    for i, unit in enumerate(sorted(touched)):
        yaml_path = os.path.join(tmp, f"nolint-{i}.yaml")
        run_jobs.append(runner.Job(i, unit, make_argv(
            unit, yaml_path, [f"--vfsoverlay={overlay}"]), yaml_path))
    outcomes = runner.run_all(run_jobs, jobs, on_done)
    errors = [o.tool_error for o in outcomes if o.tool_error]
    if errors:
        raise DriverError(errors[0])
    silenced, _ = findingsmod.deduplicate(
        [f for o in outcomes for f in o.findings
         if f.key() not in reported_keys and f.location is not None
         and not f.is_compiler_error])
    findingsmod.locate(silenced, sources)
    for f in silenced:
        loc = f.location
        comment = nolint.silencing(scanner.comments(loc.path), loc.line, f.check)
        f.suppression = Suppression(comment, loc.path)
    return silenced
