"""Metadata of the checks for reports: descriptions and help from our docs
(share/raii-tidy/checks.json, generated from docs/checks/*.md at build time),
and a help URI when the build was configured with RAII_DOCS_BASE_URL."""
import json
import os


class CheckDocs:
    def __init__(self, data_dir, docs_url):
        self.docs_url = docs_url
        try:
            with open(os.path.join(data_dir, "checks.json"), encoding="utf-8") as f:
                self.checks = json.load(f)
        except (OSError, ValueError):
            self.checks = {}

    def known(self):
        return sorted(self.checks)

    def rule(self, check):
        """A SARIF reportingDescriptor for check."""
        meta = self.checks.get(check)
        rule = {"id": check}
        if meta:
            rule["shortDescription"] = {"text": meta["short"]}
            rule["fullDescription"] = {"text": meta["full"]}
            rule["help"] = {"text": meta["markdown"], "markdown": meta["markdown"]}
            if self.docs_url:
                rule["helpUri"] = self.docs_url.rstrip("/") + "/" + meta["doc"]
        elif check.startswith("clang-diagnostic-"):
            rule["shortDescription"] = {"text": "Diagnostic of the Clang compiler."}
        else:
            rule["shortDescription"] = {"text": f"clang-tidy check {check}."}
        rule["defaultConfiguration"] = {
            "level": "error" if check == "clang-diagnostic-error" else "warning"}
        return rule
