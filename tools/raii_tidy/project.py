"""Project mode: clang-tidy over every file of a compilation database (or the
files named), in parallel, read back as structured data, de-duplicated
across translation units, filtered (--diff, --baseline), reported (text,
SARIF, Code Climate) and fixed (--fix: merged, each file written once).

Exit code: 0 nothing reported, 1 (--findings-exit-code) something reported,
2 tool or configuration error, or a translation unit with compiler errors
(its analysis is incomplete).
"""
import os
import re
import sys
import tempfile
import time

from . import (baseline, checks_default, cmdline, codeclimate, compdb,
               exportfixes, fingerprints, fixes, gitdiff)
from . import findings as findingsmod
from . import host as hostmod
from . import paths, progress, report_text, runner, sarif, suppressed
from .checkdocs import CheckDocs
from .errors import EXIT_CLEAN, EXIT_ERROR, DriverError
from .sources import Sources

FORMATS = ("text", "sarif", "codeclimate")
PROGRESS_MODES = ("auto", "bar", "lines", "none")


class Options:
    """The driver's options, checked."""

    def __init__(self, driver):
        d = dict(driver)
        try:
            self.jobs = int(d.pop("jobs", 0)) or runner.default_jobs()
            if self.jobs < 1:
                raise ValueError
        except ValueError:
            raise DriverError(f"-j '{driver['jobs']}': expected a positive number")
        self.format = d.pop("format", "text")
        if self.format not in FORMATS:
            raise DriverError(f"--format '{self.format}': expected one of "
                              + ", ".join(FORMATS))
        self.progress = d.pop("progress", "auto")
        if self.progress not in PROGRESS_MODES:
            raise DriverError(f"--progress '{self.progress}': expected one of "
                              + ", ".join(PROGRESS_MODES))
        try:
            self.findings_exit_code = int(d.pop("findings_exit_code", 1))
            if not 0 <= self.findings_exit_code <= 255:
                raise ValueError
        except ValueError:
            raise DriverError(f"--findings-exit-code "
                              f"'{driver['findings_exit_code']}': expected 0-255")
        self.include = compdb.compile_regexes(d.pop("files", []), "--files")
        self.exclude = compdb.compile_regexes(d.pop("exclude", []), "--exclude")
        self.shard = compdb.parse_shard(d.pop("shard")) if "shard" in d else None
        self.sarif = d.pop("sarif", None)
        self.diff = d.pop("diff", None)
        self.baseline = d.pop("baseline", None)
        self.write_baseline = d.pop("write_baseline", None)
        self.source_root = d.pop("source_root", None)
        self.include_suppressed = d.pop("sarif_include_suppressed", False)
        if self.include_suppressed and not (self.sarif or self.format == "sarif"):
            raise DriverError("--sarif-include-suppressed needs --sarif FILE "
                              "or --format sarif")
        assert not d, d


def _plural(n, word):
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word}es" if word.endswith(("x", "s")) else f"{n} {word}s"


def _incomplete(compiler_errors, unlocated):
    """Why the analysis is incomplete, or None."""
    parts = []
    units = {f.tu for f in compiler_errors}
    if units:
        parts.append(_plural(len(units), "translation unit") + " with compiler errors")
    if unlocated:
        parts.append(_plural(len(unlocated), "configuration or command-line error"))
    return "analysis incomplete: " + ", ".join(parts) if parts else None


def run(cl, build, env):
    opts = Options(cl.driver)
    if cl.fix and opts.format != "text":
        raise DriverError("--fix with --format sarif/codeclimate: run the fix "
                          "and the report separately")
    host = hostmod.resolve(build, env)
    cwd = os.getcwd()
    root = os.path.realpath(opts.source_root) if opts.source_root \
        else paths.default_source_root(cwd)
    shown = lambda p: paths.shown(p, root)
    started = time.monotonic()

    # Which translation units.
    db_path = None
    if cl.files:
        candidates = {findingsmod.canonical(os.path.abspath(f)) for f in cl.files}
        all_units = candidates
        if not cl.tail:
            db_path = compdb.find_database(cl.build_path, cwd)
    else:
        if cl.tail:
            raise DriverError("compiler arguments after '--' need the files "
                              "to analyse named on the command line")
        db_path = compdb.find_database(cl.build_path, cwd)
        if db_path is None:
            raise DriverError("no compile_commands.json here or in a parent "
                              "directory; name the build directory with -p")
        all_units = {findingsmod.canonical(f) for f in compdb.load_files(db_path)}
        candidates = all_units
    units = compdb.select(candidates, opts.include, opts.exclude)
    changed = None
    if opts.diff is not None:
        changed = gitdiff.changed_lines(opts.diff, cwd)
        deps = lambda: gitdiff.includers(db_path, build.clang_scan_deps, opts.jobs) \
            if db_path else {}
        units, _ = gitdiff.select_units(units, changed, all_units, deps)
    if opts.shard:
        units = compdb.shard(units, *opts.shard)

    # The clang-tidy command of each unit.
    base = cmdline.without_options(cl.clang_tidy_args,
                                   cmdline.FIX_OPTIONS | {"export-fixes"})
    if db_path and cl.build_path is None and not cl.files:
        base += ["-p", os.path.dirname(db_path)]  # the database we listed
    lookup = checks_default.ConfigLookup()
    major = int(build.llvm_major)
    bar = progress.Progress(len(units), opts.progress, root_shown=shown)
    seen = set()

    def on_done(o):
        for f in o.findings:
            seen.add(f.key())
        bar.update(o.job.path, len(seen), len(o.findings), o.seconds,
                   bool(o.tool_error))

    def make_argv(unit, yaml_path, extra=()):
        return [host.clang_tidy, f"--load={host.plugin}",
                *checks_default.default_args(
                    cl, major, [os.path.dirname(unit)], lookup),
                *base, f"--export-fixes={yaml_path}", *extra, unit, *cl.tail]

    sources = Sources()
    silenced = []
    with tempfile.TemporaryDirectory(prefix="raii-tidy-") as tmp:
        jobs = [runner.Job(i, unit, make_argv(unit, os.path.join(tmp, f"{i}.yaml")),
                           os.path.join(tmp, f"{i}.yaml"))
                for i, unit in enumerate(units)]
        outcomes = runner.run_all(jobs, opts.jobs, on_done)
        bar.finish()
        errors = [o.tool_error for o in outcomes if o.tool_error]
        if errors:
            raise DriverError(errors[0])
        everything = [f for o in outcomes for f in o.findings]
        if opts.include_suppressed:
            silenced = suppressed.collect(
                units, {f.key() for f in everything}, make_argv, opts.jobs,
                db_path, build.clang_scan_deps, root, sources, tmp,
                lambda o: None)

    # Findings: de-duplicated, located, fingerprinted, filtered.
    unique, duplicates = findingsmod.deduplicate(everything)
    findingsmod.locate(unique, sources)
    counts = fingerprints.assign(unique, sources, root)
    fingerprints.assign(silenced, sources, root, counts)
    unique.sort(key=lambda f: f.sort_key())
    compiler_errors = [f for f in unique if f.is_compiler_error]
    unlocated = [f for f in unique if f.location is None]
    reported = [f for f in unique if f.location and not f.is_compiler_error]
    notes = []
    if changed is not None:
        before = len(reported)
        reported = [f for f in reported if gitdiff.on_changed_line(f.location, changed)]
        silenced = [f for f in silenced if gitdiff.on_changed_line(f.location, changed)]
        if before > len(reported):
            notes.append(f"{before - len(reported)} on unchanged lines")
    known_counts = baseline.read(opts.baseline) if opts.baseline else None
    if opts.write_baseline:
        baseline.write(opts.write_baseline, reported)
    if known_counts is not None:
        reported, known = baseline.new_findings(reported, known_counts)
        if known:
            notes.append(f"{known} in the baseline")
    shown_findings = sorted([f for f in compiler_errors if f.location] + reported,
                            key=lambda f: f.sort_key())

    # Fixes.
    fix_summary = ""
    if cl.fix:
        broken_units = {f.tu for f in compiler_errors}
        fixable = [f for f in reported
                   if "fix-errors" in cl.fix or f.tu not in broken_units]
        plan = fixes.plan(fixable, fix_notes="fix-notes" in cl.fix)
        for c in plan.conflicts:
            loc, other = c.finding.location, c.other.location
            print(f"raii-tidy: fix of {shown(loc.path)}:{loc.line}:{loc.column} "
                  f"[{c.finding.check}] conflicts in {shown(c.path)} with the fix "
                  f"of {shown(other.path)}:{other.line}:{other.column} "
                  f"[{c.other.check}]; not applied", file=sys.stderr)
        try:
            written = fixes.apply(plan)
        except (OSError, ValueError) as e:
            raise DriverError(f"cannot apply fixes: {e}")
        fix_summary = (f"; {_plural(len(plan.fixed), 'fix')} applied to "
                       f"{_plural(len(written), 'file')}")
        if plan.conflicts:
            fix_summary += f", {_plural(len(plan.conflicts), 'conflicting fix')} not applied"
    if cl.export_fixes:
        exportfixes.write(cl.export_fixes, compiler_errors + reported)

    # Reports.
    notifications = [("error", f"{f.message} [{f.check}]") for f in unlocated]
    incomplete = _incomplete(compiler_errors, unlocated)
    complete = incomplete is None
    if incomplete:
        notifications.append(("error", incomplete))
    run_props = {"translationUnits": len(units)}
    if opts.shard:
        run_props["shard"] = f"{opts.shard[0]}/{opts.shard[1]}"

    if silenced:
        notes.append(f"{len(silenced)} silenced by NOLINT, in the SARIF as suppressed")

    def log():
        return sarif.build_log(sorted(shown_findings + silenced,
                                      key=lambda f: f.sort_key()),
                               notifications, complete,
                               CheckDocs(build.data_dir, build.docs_url),
                               build, root, sources, run_props)
    if opts.sarif:
        sarif.dump(log(), path=opts.sarif)
    if opts.format == "sarif":
        sarif.dump(log(), stream=sys.stdout)
    elif opts.format == "codeclimate":
        codeclimate.dump(shown_findings, sys.stdout)
    else:
        report_text.write(unlocated + shown_findings, sys.stdout, shown)
    sys.stdout.flush()

    elapsed = time.monotonic() - started
    extra = [f"{_plural(duplicates, 'duplicate')} from other translation units dropped"] \
        if duplicates else []
    extra += [n for n in notes]
    print(f"raii-tidy: {_plural(len(units), 'file')}, "
          f"{_plural(len(reported), 'finding')}"
          + (f" ({', '.join(extra)})" if extra else "")
          + fix_summary + f", {elapsed:.1f} s", file=sys.stderr)
    if incomplete:
        print(f"raii-tidy: error: {incomplete}", file=sys.stderr)
        return EXIT_ERROR
    return opts.findings_exit_code if reported else EXIT_CLEAN
