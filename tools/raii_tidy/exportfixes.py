"""Reads and writes clang-tidy's --export-fixes YAML (the format of
clang::tooling::TranslationUnitDiagnostics, also read by
clang-apply-replacements)."""
from .errors import DriverError


def _yaml():
    try:
        import yaml
    except ImportError:
        raise DriverError("this mode needs PyYAML (Debian: python3-yaml)")
    return yaml


def load(path):
    """The parsed document, or None when clang-tidy wrote no file (it writes
    none for a translation unit without diagnostics)."""
    yaml = _yaml()
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(data, Loader=loader)
    except yaml.YAMLError as e:
        raise DriverError(f"cannot parse clang-tidy's exported fixes '{path}': {e}")


def _message(text, loc, replacements):
    out = {"Message": text,
           "FilePath": loc.path if loc else "",
           "FileOffset": loc.offset if loc else 0,
           "Replacements": [{"FilePath": r.path, "Offset": r.offset,
                             "Length": r.length, "ReplacementText": r.text}
                            for r in replacements]}
    if loc is not None and loc.length is not None:
        out["Ranges"] = [{"FilePath": loc.path, "FileOffset": loc.offset,
                          "Length": loc.length}]
    return out


def write(path, findings, main_file=""):
    """Writes findings (with the replacements they carry) as one document."""
    yaml = _yaml()
    level = {"error": "Error", "warning": "Warning", "remark": "Remark"}
    diags = []
    for f in findings:
        d = {"DiagnosticName": f.check,
             "DiagnosticMessage": _message(f.message, f.location, f.replacements)}
        if f.notes:
            d["Notes"] = [_message(n.message, n.location, n.replacements)
                          for n in f.notes]
        d["Level"] = level[f.level]
        d["BuildDirectory"] = f.build_dir
        diags.append(d)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump({"MainSourceFile": main_file, "Diagnostics": diags},
                     Dumper=dumper, sort_keys=False, explicit_start=True,
                     explicit_end=True, allow_unicode=True, width=1 << 30)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
