"""Code Climate JSON (--format codeclimate), the format of GitLab's Code
Quality report: an array of issues, each with description, check_name,
fingerprint (unique per issue), severity and location.path/lines.begin."""
import hashlib
import json

_SEVERITY = {"error": "critical", "warning": "major", "remark": "info"}


def issues(findings):
    out = []
    for f in findings:
        path = f.baseline_key[0]
        fp = hashlib.sha256(f"{path}\0{f.fingerprint}".encode("utf-8")).hexdigest()[:32]
        out.append({"type": "issue", "check_name": f.check,
                    "description": f.message,
                    "categories": ["Bug Risk"],
                    "severity": _SEVERITY[f.level],
                    "fingerprint": fp,
                    "location": {"path": path, "lines": {"begin": f.location.line}}})
    return out


def dump(findings, stream):
    json.dump(issues(findings), stream, indent=1, ensure_ascii=False)
    stream.write("\n")
