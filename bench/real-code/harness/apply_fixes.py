#!/usr/bin/env python3
"""Applies the fixes a run.sh run exported (RAII_EVAL_FIXES=1) to a copy of
each project, compiles every TU the fixes touch, and runs the checks again
on the fixed copy.

Per project with at least one replacement (every raii-* check's):
  1. copies the project's source root to WORKDIR/<project>/src (the
     originals are never written), and the exported YAML, its paths moved
     to the copy, to WORKDIR/<project>/yaml/;
  2. runs clang-apply-replacements-22 on that directory once (it applies
     identical replacements from several TUs once and reports conflicts);
  3. writes WORKDIR/<project>/fixes.diff (diff -u of every changed file
     against the original) and WORKDIR/<project>/compile_commands.json (the
     project's database moved to the copy);
  4. compiles, with -fsyntax-only and otherwise its own compile command
     moved to the copy, every TU whose export has a replacement or whose
     file changed; with -I<runtime include> when the configuration sets
     RaiiUseRuntime: always (the fixes then may include the raii runtime,
     which the projects do not have on their include path);
  5. runs clang-tidy with the same plugin and configuration on the same TUs
     of the copy (--export-fixes to WORKDIR/<project>/second/), to show that
     a second --fix changes nothing, or what it changes: the raii-* findings
     that carry a replacement again (a TU that does not compile is counted
     in step 4, its compiler errors' fix-its are not counted here), and the
     fixed findings reported again at their place in the copy (the
     original offset shifted by the replacements before it).
WORKDIR/<project>/report.txt has the details (compiler errors, second-pass
fixes); the summary goes to stdout. Steps 4 and 5 run under the CPU lock,
two processes at a time.

  apply_fixes.py OUTDIR WORKDIR [PROJECT...]   (WORKDIR under /tmp; default:
                                               every project of OUTDIR)
  options: --plugin, --config (default: those in OUTDIR/meta.txt),
           --runtime-include DIR (default: runtime/include of this checkout),
           --apply-only (steps 1-3: the fixed copies and fixes.diff, to read;
           no compile, no lock)
"""
import argparse
import concurrent.futures
import filecmp
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

import exported

HERE = os.path.dirname(os.path.abspath(__file__))
LOCK = "/tmp/raii-cpu.lock"
TIDY = os.environ.get("RAII_TIDY", "clang-tidy-22")
APPLY = "clang-apply-replacements-22"
DB_DIR = os.path.join(os.environ.get("RAII_EVAL_DIR", "/work/src"),
                      "raii-harness")
# flags that write files next to the object (dependency files) or name it
DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}
DROP = {"-c", "-MD", "-MMD", "-MP"}


def meta(outdir):
    result = {}
    with open(os.path.join(outdir, "meta.txt")) as f:
        for line in f:
            key, _, value = line.partition(": ")
            result[key] = value.strip()
    return result


def uses_runtime_always(config):
    with open(config) as f:
        return re.search(r"^\s*RaiiUseRuntime:\s*['\"]?always", f.read(),
                         re.M) is not None


def mover(root, copy):
    """Function moving a path or an argument from ROOT to COPY."""
    root = root.rstrip("/")

    def move(text):
        if text == root:
            return copy
        return text.replace(root + "/", copy + "/")
    return move


def move_yaml(src, dst, move):
    """Copies an exported YAML, every path in it moved (text substitution on
    the quoted path fields, which keeps clang-tidy's formatting)."""
    with open(src, errors="replace") as f:
        text = f.read()
    text = re.sub(r"^(\s*(?:- )?(?:MainSourceFile|FilePath|BuildDirectory):"
                  r"\s*)'([^']*)'",
                  lambda m: m.group(1) + "'" + move(m.group(2)) + "'",
                  text, flags=re.M)
    with open(dst, "w") as f:
        f.write(text)


def entry_args(entry):
    return entry.get("arguments") or shlex.split(entry["command"])


def syntax_only(args, extra):
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a in DROP_WITH_VALUE:
            skip = True
            continue
        if a in DROP or any(a.startswith(d) and len(a) > len(d)
                            for d in ("-o", "-MF", "-MT", "-MQ")):
            continue
        out.append(a)
    return out[:1] + ["-fsyntax-only"] + extra + out[1:]


def run(cmd, cwd=None):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, errors="replace")
    return p.returncode, p.stdout


def prepare(outdir, workdir, project, root):
    """Steps 1-3. Returns (state dict) or None when the project has no fix."""
    files = exported.fix_files(outdir, project)
    with_fix = {}
    for idx, path in files.items():
        touched = set()
        for diag in exported.load(path):
            for r in exported.replacements(diag):
                touched.add(os.path.normpath(r["FilePath"]))
        if touched:
            with_fix[idx] = touched
    if not with_fix:
        return None
    base = os.path.join(workdir, project)
    copy = os.path.join(base, "src")
    shutil.rmtree(base, ignore_errors=True)
    os.makedirs(os.path.join(base, "yaml"))
    shutil.copytree(root, copy, symlinks=True)
    move = mover(root, copy)
    outside = sorted({f for t in with_fix.values() for f in t
                      if move(f) == f})
    for idx in with_fix:
        move_yaml(files[idx], os.path.join(base, "yaml", f"{idx}.yaml"), move)
    rc, log = run([APPLY, os.path.join(base, "yaml")])
    touched = sorted({f for t in with_fix.values() for f in t})
    changed = [f for f in touched if move(f) != f and os.path.exists(f)
               and not filecmp.cmp(f, move(f), shallow=False)]
    with open(os.path.join(base, "fixes.diff"), "w") as d:
        for f in changed:
            _, text = run(["diff", "-u", "-p", "--label", f, "--label",
                           move(f), f, move(f)])
            d.write(text)
    entries = json.load(open(os.path.join(DB_DIR, project,
                                          "compile_commands.json")))
    moved = []
    for e in entries:
        moved.append({"directory": move(e["directory"]),
                      "file": move(e["file"]),
                      "arguments": [move(a) for a in entry_args(e)]})
    with open(os.path.join(base, "compile_commands.json"), "w") as f:
        json.dump(moved, f, indent=1)
    fixed_places = moved_places(outdir, project, root, move)
    changed_set = set(changed)
    tus = sorted(set(with_fix) | {i for i, e in enumerate(entries)
                                  if os.path.normpath(e["file"])
                                  in changed_set})
    return {"project": project, "base": base, "root": root, "copy": copy,
            "apply_rc": rc, "apply_log": log, "changed": changed,
            "outside": outside, "tus": tus, "entries": moved,
            "fixed_places": fixed_places,
            "relative": lambda p: exported.relative(p, root)}


def moved_places(outdir, project, root, move):
    """{(check, file in the copy, offset there): place} of every fixed
    finding: its offset shifted by the replacements applied before it (each
    distinct replacement once, as clang-apply-replacements applies them)."""
    found = exported.findings(outdir, project, root)
    reps = {}
    for f in found.values():
        for file, off, length, text in f["replacements"]:
            reps.setdefault(file, set()).add((off, length,
                                              len(text.encode())))
    places = {}
    for f in found.values():
        if not f["fixed_in"]:
            continue
        o = f["offset"]
        shift = sum(size - length
                    for off, length, size in reps.get(f["file"], ())
                    if (off <= o if length == 0 else off + length <= o))
        places[(f["check"], move(f["file"]), o + shift)] = f["place"]
    return places


def compile_tu(state, idx, extra):
    e = state["entries"][idx]
    rc, log = run(syntax_only(e["arguments"], extra), cwd=e["directory"])
    return idx, rc, log


def second_pass(state, idx, plugin, config, extra):
    e = state["entries"][idx]
    out = os.path.join(state["base"], "second", f"{idx}.yaml")
    cmd = [TIDY, f"--load={plugin}", "--checks=-*,raii-*",
           f"--config-file={config}", f"--export-fixes={out}",
           "-p", state["base"]] + [f"--extra-arg={a}" for a in extra] \
        + [e["file"]]
    rc, log = run(cmd)
    reps, again = [], set()
    if os.path.exists(out):
        for diag in exported.load(out):
            msg = diag["DiagnosticMessage"]
            key = (diag.get("DiagnosticName", ""),
                   exported.absolute(msg["FilePath"], diag),
                   int(msg["FileOffset"]))
            if key in state["fixed_places"]:
                again.add(state["fixed_places"][key])
            # compiler errors' own fix-its are not the checks' fixes
            if (diag.get("DiagnosticName", "").startswith("raii-")
                    and exported.replacements(diag)):
                msg = diag["DiagnosticMessage"]
                line, col = exported.line_col(msg["FilePath"],
                                              msg["FileOffset"])
                reps.append(f"{diag['DiagnosticName']} "
                            f"{os.path.relpath(msg['FilePath'], state['copy'])}"
                            f":{line}:{col} {msg['Message']}")
    return idx, rc, reps, again, log


def check(state, plugin, config, extra):
    """Steps 4 and 5, two processes at a time."""
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        compiled = list(pool.map(lambda i: compile_tu(state, i, extra),
                                 state["tus"]))
        os.makedirs(os.path.join(state["base"], "second"), exist_ok=True)
        second = list(pool.map(
            lambda i: second_pass(state, i, plugin, config, extra),
            state["tus"]))
    return compiled, second


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("outdir")
    p.add_argument("workdir")
    p.add_argument("projects", nargs="*")
    p.add_argument("--plugin")
    p.add_argument("--config")
    p.add_argument("--runtime-include",
                   default=os.path.normpath(os.path.join(
                       HERE, "..", "..", "..", "runtime", "include")))
    p.add_argument("--apply-only", action="store_true")
    args = p.parse_args()
    if not args.apply_only and not os.environ.get("RAII_HARNESS_LOCKED"):
        os.environ["RAII_HARNESS_LOCKED"] = "1"
        os.execvp("flock", ["flock", LOCK, sys.executable] + sys.argv)
    m = meta(args.outdir)
    plugin = args.plugin or m["plugin"]
    config = args.config or m.get("config",
                                  os.path.join(HERE, "clang-tidy.yaml"))
    extra = ([f"-I{args.runtime_include}"]
             if uses_runtime_always(config) else [])
    roots = exported.roots(args.outdir)
    projects = args.projects or sorted(roots)
    workdir = os.path.abspath(args.workdir)
    print(f"plugin {plugin}\nconfig {config}\nextra compile flags "
          f"{' '.join(extra) or '(none)'}\n")
    print("| project | TUs with a fix | files changed | apply | compiled | "
          "failed | 2nd pass: TUs with a replacement | 2nd pass: fixed "
          "findings reported again |")
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    totals = [0, 0, 0, 0, 0, 0, 0]
    for project in projects:
        state = prepare(args.outdir, workdir, project, roots[project])
        if state is None:
            continue
        if args.apply_only:
            print(f"| {project} | {len(state['tus'])} | "
                  f"{len(state['changed'])} | "
                  f"{'ok' if state['apply_rc'] == 0 else state['apply_rc']} "
                  "| | | | |")
            continue
        compiled, second = check(state, plugin, config, extra)
        failed = [(i, log) for i, rc, log in compiled if rc != 0]
        again = [(i, reps) for i, _, reps, _, _ in second if reps]
        back = sorted(set().union(*[a for _, _, _, a, _ in second]))
        with open(os.path.join(state["base"], "report.txt"), "w") as r:
            r.write(f"apply rc={state['apply_rc']}\n{state['apply_log']}\n")
            if state["outside"]:
                r.write("replacements outside the source root (not "
                        "applied): " + " ".join(state["outside"]) + "\n")
            r.write("changed files:\n" + "".join(
                f"  {state['relative'](f)}\n" for f in state["changed"]))
            for i, rc, log in compiled:
                r.write(f"compile TU {i} "
                        f"{state['relative'](state['entries'][i]['file'].replace(state['copy'], state['root']))}"
                        f" rc={rc}\n{log}")
            r.write("fixed findings reported again: "
                    + (" ".join(back) or "none") + "\n")
            for i, rc, reps, _, log in second:
                r.write(f"second pass TU {i} rc={rc}: "
                        f"{len(reps)} diagnostic(s) with a replacement\n")
                r.write("".join(f"  {x}\n" for x in reps))
                errors = [l for l in log.splitlines() if ": error: " in l]
                r.write("".join(f"  {x}\n" for x in errors))
        apply = "ok" if state["apply_rc"] == 0 else f"rc={state['apply_rc']}"
        row = [len(state["tus"]), len(state["changed"]),
               len(compiled) - len(failed), len(failed), len(again),
               len(back), len(state["fixed_places"])]
        totals = [a + b for a, b in zip(totals, row)]
        print(f"| {project} | {row[0]} | {row[1]} | {apply} | {row[2]} | "
              f"{row[3]} | {row[4]} | {row[5]} of {row[6]} |")
        sys.stdout.flush()
    print(f"| **total** | {totals[0]} | {totals[1]} | | {totals[2]} | "
          f"{totals[3]} | {totals[4]} | {totals[5]} of {totals[6]} |")
    print(f"\ndetails: {workdir}/<project>/report.txt, fixes.diff")
    return 0


if __name__ == "__main__":
    sys.exit(main())
