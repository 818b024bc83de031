#!/usr/bin/env python3
"""Build step: turns docs/checks/raii-*.md into the check metadata the driver
puts in SARIF's tool.driver.rules (short and full description, help text).

usage: make_checks_json.py OUTPUT DOC.md...

The short description is the first sentence of the page's text before its
first section, the full description that text, the help the whole page
(Markdown).
"""
import json
import os
import re
import sys


def plain(markdown):
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = text.replace("**", "")
    return " ".join(text.replace("`", "").split())


def describe(path):
    with open(path, encoding="utf-8") as f:
        page = f.read()
    lines = page.splitlines()
    if not lines or not lines[0].startswith("# "):
        raise SystemExit(f"{path}: a check page starts with '# <check name>'")
    name = lines[0][2:].strip()
    intro = []
    for line in lines[1:]:
        if line.startswith("#"):
            break
        intro.append(line)
    full = plain(" ".join(intro))
    if not full:
        raise SystemExit(f"{path}: no summary paragraph after the title")
    m = re.match(r"(.+?)[.:](\s|$)", full)
    short = (m.group(1) if m else full.rstrip(".:")) + "."
    return name, {"short": short, "full": full, "markdown": page,
                  "doc": os.path.basename(path)}


def main(argv):
    out, docs = argv[1], argv[2:]
    checks = dict(describe(p) for p in sorted(docs))
    text = json.dumps(checks, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    try:
        with open(out, encoding="utf-8") as f:
            if f.read() == text:
                return 0
    except OSError:
        pass
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
