#!/usr/bin/env python3
"""rules-catalog: figures about the shipped rules catalog, and a check that
rules/README.md lists every shipped file and family.

  rules-catalog.py stats [RULES_DIR]         families and acquire functions
                                              per file, and the totals
  rules-catalog.py check-readme [RULES_DIR]  exit 1, naming what is missing,
                                              unless README.md names every
                                              file and family in backquotes

The rule files are read by the reader in raii-tidy-import-cppcheck.py, so
both tools understand the files alike.
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def reader():
    spec = importlib.util.spec_from_file_location(
        "raii_import_cppcheck", os.path.join(HERE, "raii-tidy-import-cppcheck.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.read_rule_files


def stats(rules_dir):
    per_file = {}
    for fn, _, sections, extends in reader()(rules_dir):
        # An `extends:` entry adds functions to a family counted elsewhere.
        fams, acqs = per_file.get(fn, (0, set()))
        per_file[fn] = (fams + (0 if extends else 1),
                        acqs | set(sections["acquire"]))
    total_f = sum(f for f, _ in per_file.values())
    total_a = len(set().union(*(a for _, a in per_file.values()))) if per_file else 0
    print("%-20s %8s %8s" % ("file", "families", "acquires"))
    for fn in sorted(per_file):
        print("%-20s %8d %8d" % (fn, per_file[fn][0], len(per_file[fn][1])))
    print("%-20s %8d %8d" % ("total", total_f, total_a))
    return 0


def check_readme(rules_dir):
    with open(os.path.join(rules_dir, "README.md")) as f:
        readme = f.read()
    missing = []
    for fn, family, _, _ in reader()(rules_dir):
        for name in (fn, family):
            if "`%s`" % name not in readme and name not in missing:
                missing.append(name)
    for name in missing:
        sys.stderr.write("rules/README.md does not name `%s`\n" % name)
    return 1 if missing else 0


def main(argv):
    if not argv or argv[0] not in ("stats", "check-readme"):
        sys.stderr.write(__doc__)
        return 2
    rules_dir = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "rules")
    return stats(rules_dir) if argv[0] == "stats" else check_readme(rules_dir)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
