#!/usr/bin/env python3
"""Runs one raii-* check on a lit test file and verifies what it says and fixes.

Usage (from a RUN line, through the %check_raii substitution):
  %check_raii [options] INPUT CHECKS TMP -- COMPILER-ARGS...

Steps:
 1. Copies INPUT to TMP + extension, blanking `// CHECK...:` comments so that
    line numbers are unchanged and patterns never match themselves.
 2. Requires every check in CHECKS to exist in the plugin, then runs the
    matching clang-tidy with the plugin loaded, `--checks=-*,CHECKS` and
    `--fix`, on the copy. A non-zero exit (compiler errors, a failure to run)
    fails the test unless CHECK-MESSAGES expect an `error:`.
 3. FileChecks the diagnostics against the `CHECK-MESSAGES` lines of INPUT;
    every warning, error or note that is not expected fails the test.
 4. FileChecks the fixed copy against `CHECK-FIXES` (full lines); the number
    of changed lines must equal the number of CHECK-FIXES lines, so a fix that
    no test expects fails too. Lines a fix deletes are listed, in order, with
    their text in `CHECK-DELETED` lines, and no other line may disappear.
 5. With --compile-fixed, compiles the fixed copy; with --run-fixed, also links
    and runs it and requires exit status 0.
"""
import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys

CHECK_COMMENT = re.compile(r"//\s*CHECK[A-Z0-9-]*:.*$")
DIAG_LINE = re.compile(r"^\S.*:\d+:\d+: (warning|error|note|remark): ")


def fail(msg):
    sys.stderr.write("check_raii: " + msg + "\n")
    sys.exit(1)


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, **kw)


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        fail("expected `--` before the compiler arguments")
    split = argv.index("--")
    own, compiler_args = argv[:split], argv[split + 1:]

    ap = argparse.ArgumentParser()
    ap.add_argument("--clang-tidy", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--filecheck", required=True)
    ap.add_argument("--cc", required=True, help="C compiler for fixed files")
    ap.add_argument("--cxx", required=True, help="C++ compiler for fixed files")
    ap.add_argument("--config", default=None,
                    help="clang-tidy --config text (CheckOptions etc.)")
    ap.add_argument("--prefix", default="CHECK",
                    help="prefix P: checks P-MESSAGES and P-FIXES")
    ap.add_argument("--compile-fixed", action="store_true")
    ap.add_argument("--run-fixed", action="store_true")
    ap.add_argument("--link", action="append", default=[],
                    help="extra arguments when linking --run-fixed programs")
    ap.add_argument("input")
    ap.add_argument("checks")
    ap.add_argument("tmp")
    opts = ap.parse_args(own)

    with open(opts.input) as f:
        original = f.read()
    ext = os.path.splitext(opts.input)[1]
    fixed_path = opts.tmp + ext
    os.makedirs(os.path.dirname(os.path.abspath(fixed_path)), exist_ok=True)
    stripped = "\n".join(CHECK_COMMENT.sub("", line)
                         for line in original.split("\n"))
    with open(fixed_path, "w") as f:
        f.write(stripped)

    msg_prefix = opts.prefix + "-MESSAGES"
    fix_prefix = opts.prefix + "-FIXES"
    has_messages = re.search(r"\b" + msg_prefix + r"(-NOT)?:", original)
    fix_lines = re.findall(r"\b" + fix_prefix + r":", original)
    deleted_prefix = opts.prefix + "-DELETED"
    deleted_lines = [l.strip() for l in re.findall(
        r"\b" + deleted_prefix + r":(.*)$", original, re.M)]

    cmd = [opts.clang_tidy, "--load=" + opts.plugin,
           "--checks=-*," + opts.checks, "--fix", "--quiet"]
    if opts.config is not None:
        cmd.append("--config=" + opts.config)
    cmd += [fixed_path, "--"] + compiler_args
    # Every requested check must exist: a misspelt name would otherwise
    # make a negative test pass without running anything.
    listed = run([opts.clang_tidy, "--load=" + opts.plugin,
                  "--checks=-*," + opts.checks, "--list-checks"])
    enabled = set(l.strip() for l in listed.stdout.split("\n")[1:] if l.strip())
    missing = [c for c in opts.checks.split(",") if c and c not in enabled]
    if listed.returncode != 0 or missing:
        fail("checks not available in the plugin: %s\n%s" %
             (", ".join(missing) or opts.checks, listed.stderr))

    res = run(cmd)
    # Only the diagnostic lines count (source excerpts would show the code,
    # comments included). With --fix, clang-tidy adds a note wherever it
    # applied a fix; the fixed text is what step 4 checks, so those notes are
    # not diagnostics.
    kept = [l for l in res.stdout.split("\n")
            if DIAG_LINE.match(l) and
            "note: FIX-IT applied suggested code changes" not in l]
    messages = "\n".join(kept)
    if "PLEASE submit a bug report" in res.stderr or res.returncode < 0:
        fail("clang-tidy crashed:\n" + res.stderr)
    # clang-tidy fails only on compiler errors (or when it cannot run at all);
    # a test must expect those errors to accept that.
    expects_errors = re.search(r"\b" + msg_prefix + r":.*\berror:", original)
    if res.returncode != 0 and not expects_errors:
        fail("clang-tidy exited with %d:\n%s%s" %
             (res.returncode, res.stdout, res.stderr))
    with open(opts.tmp + ".msg", "w") as f:
        f.write(messages)

    if has_messages:
        fc = run([opts.filecheck, opts.input, "--check-prefix=" + msg_prefix,
                  "--input-file=" + opts.tmp + ".msg",
                  "--implicit-check-not={{warning|error|note}}:"])
        if fc.returncode != 0:
            fail("diagnostics do not match:\n" + fc.stderr +
                 "\n--- clang-tidy output ---\n" + messages + res.stderr)
    elif re.search(r"(warning|error|note):", messages):
        fail("expected no diagnostics, got:\n" + messages)

    with open(fixed_path) as f:
        fixed = f.read()
    # Blank lines a fix adds (around an inserted #include) are not counted.
    changed = [l for l in difflib.ndiff(stripped.split("\n"), fixed.split("\n"))
               if l.startswith("+ ") and l[2:].strip()]
    if len(changed) != len(fix_lines):
        fail("expected %d fixed line(s), got %d:\n%s" %
             (len(fix_lines), len(changed), "\n".join(changed)))
    # Lines the fixes delete, in order: a removed line that an added line
    # does not replace (ndiff pairs a changed line as `-`, `?`, `+`, `?`).
    diff = [l for l in difflib.ndiff(stripped.split("\n"), fixed.split("\n"))
            if not l.startswith("? ")]
    deleted = [l[2:].strip() for i, l in enumerate(diff)
               if l.startswith("- ") and not any(
                   d.startswith("+ ") for d in diff[i + 1:i + 2])]
    if deleted != deleted_lines:
        fail("deleted lines differ from the %s lines:\nexpected:\n%s\ngot:\n%s"
             % (deleted_prefix, "\n".join(deleted_lines), "\n".join(deleted)))
    if fix_lines:
        fc = run([opts.filecheck, opts.input, "--check-prefix=" + fix_prefix,
                  "--input-file=" + fixed_path, "--match-full-lines"])
        if fc.returncode != 0:
            fail("fixed code does not match:\n" + fc.stderr)

    if opts.compile_fixed or opts.run_fixed:
        compiler = opts.cc if ext == ".c" else opts.cxx
        if opts.run_fixed:
            exe = opts.tmp + ".exe"
            res = run([compiler] + compiler_args + [fixed_path, "-o", exe] +
                      opts.link)
            if res.returncode != 0:
                fail("fixed code does not build:\n" + res.stderr)
            res = run([exe])
            if res.returncode != 0:
                fail("fixed program exited with %d:\n%s%s" %
                     (res.returncode, res.stdout, res.stderr))
        else:
            res = run([compiler, "-fsyntax-only"] + compiler_args +
                      [fixed_path])
            if res.returncode != 0:
                fail("fixed code does not compile:\n" + res.stderr)


if __name__ == "__main__":
    main()
