"""Runs clang-tidy on many translation units in parallel (one process per
file, -j at a time) and collects each run's structured output.

A run that exits non-zero without reporting an error-level diagnostic in its
exported fixes (a crash, an unknown option, a configuration clang-tidy
refuses) is a tool error: the remaining runs are cancelled, since every one
of them would fail the same way.
"""
import os
import subprocess
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

from . import exportfixes, findings as findingsmod


class Job:
    def __init__(self, index, path, argv, yaml_path):
        self.index, self.path, self.argv, self.yaml_path = index, path, argv, yaml_path


class Outcome:
    def __init__(self, job):
        self.job = job
        self.returncode = None
        self.stderr = ""
        self.findings = []
        self.seconds = 0.0
        self.tool_error = None   # text when the run failed as a tool


def _run(job):
    out = Outcome(job)
    start = time.monotonic()
    try:
        r = subprocess.run(job.argv, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, errors="replace")
        out.returncode, out.stderr = r.returncode, r.stderr
        doc = exportfixes.load(job.yaml_path)
        out.findings = findingsmod.from_export(doc, job.path)
        if r.returncode != 0 and not any(f.level == "error" for f in out.findings):
            out.tool_error = (f"clang-tidy exited with {_status(r.returncode)} on "
                              f"{job.path}:\n{_tail(r.stderr)}")
    except OSError as e:
        out.tool_error = f"cannot run clang-tidy on {job.path}: {e}"
    except Exception as e:  # a parse error of the exported fixes
        out.tool_error = str(e)
    out.seconds = time.monotonic() - start
    return out


def _status(code):
    return f"signal {-code}" if code < 0 else f"code {code}"


def _tail(text, lines=20):
    kept = [l for l in text.splitlines() if not l.endswith(" generated.")]
    return "\n".join(kept[-lines:]) or "(no output)"


def run_all(jobs, workers, on_done):
    """Runs jobs; calls on_done(outcome) in the main thread as each ends.
    Returns the outcomes of the runs that ran, in job order."""
    outcomes = []
    pending = list(reversed(jobs))
    running = set()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        failed = False
        while pending or running:
            while pending and len(running) < workers and not failed:
                running.add(pool.submit(_run, pending.pop()))
            if not running:
                break
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                o = fut.result()
                outcomes.append(o)
                on_done(o)
                if o.tool_error:
                    failed = True
            if failed:
                pending.clear()
    outcomes.sort(key=lambda o: o.job.index)
    return outcomes


def default_jobs():
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
