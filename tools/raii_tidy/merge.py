"""`raii-tidy merge [-o OUT] [--findings-exit-code N] FILE...`: one SARIF
log from the SARIF files of several shards (or runs), written to OUT or
stdout. Exit code as for a run: 0 no result, 1 (or N) some result, 2 an
error, or a merged run whose analysis was incomplete. Suppressed results
(--sarif-include-suppressed) are kept and do not count."""
import json
import sys

from . import sarif
from .errors import EXIT_CLEAN, EXIT_ERROR, DriverError

USAGE = "usage: raii-tidy merge [-o OUT] [--findings-exit-code N] FILE.sarif..."


def run(argv, build):
    out = None
    exit_code = 1
    inputs = []
    i = 0
    while i < len(argv):
        a = argv[i]
        i += 1
        if a in ("-h", "--help"):
            print(USAGE)
            return EXIT_CLEAN
        name, eq, value = a.partition("=")
        if name in ("-o", "--output", "--findings-exit-code"):
            if not eq:
                if i >= len(argv):
                    raise DriverError(f"merge: option '{a}' needs a value")
                value = argv[i]
                i += 1
            if name == "--findings-exit-code":
                if not value.isdigit() or int(value) > 255:
                    raise DriverError(f"merge: --findings-exit-code '{value}': "
                                      "expected 0-255")
                exit_code = int(value)
            else:
                out = value
        elif a.startswith("-") and a != "-":
            raise DriverError(f"merge: unknown option '{a}'\n{USAGE}")
        else:
            inputs.append(a)
    if not inputs:
        raise DriverError(f"merge: no input files\n{USAGE}")
    logs = []
    for path in inputs:
        try:
            with (sys.stdin if path == "-" else open(path, encoding="utf-8")) as f:
                logs.append(json.load(f))
        except (OSError, ValueError) as e:
            raise DriverError(f"merge: cannot read '{path}': {e}")
    merged = sarif.merge_logs(logs, inputs)
    sarif.dump(merged, path=out, stream=sys.stdout)
    every = [res for r in merged["runs"] for res in r["results"]]
    results = sum(1 for res in every if not res.get("suppressions"))
    silenced = len(every) - results
    print(f"raii-tidy merge: {len(inputs)} logs, "
          f"{results} result{'' if results == 1 else 's'}"
          + (f" ({silenced} suppressed)" if silenced else ""), file=sys.stderr)
    incomplete = sum(1 for r in merged["runs"] for inv in r.get("invocations", [])
                     if not inv.get("executionSuccessful", True))
    if incomplete:
        print(f"raii-tidy merge: error: {incomplete} of the merged runs did not "
              "complete their analysis", file=sys.stderr)
        return EXIT_ERROR
    return exit_code if results else EXIT_CLEAN
