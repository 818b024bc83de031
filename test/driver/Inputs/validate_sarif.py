"""usage: validate_sarif.py SCHEMA LOG...

Validates SARIF logs against the SARIF 2.1.0 JSON schema with the jsonschema
package (Debian python3-jsonschema) and prints 'valid: LOG' for each; exits 1
with every schema violation listed otherwise."""
import json
import sys

import jsonschema


def main(schema_path, *logs):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    failed = False
    for path in logs:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        for e in errors:
            where = "/".join(str(p) for p in e.path)
            print(f"invalid: {path}: at /{where}: {e.message}")
        failed |= bool(errors)
        if not errors:
            print(f"valid: {path} ({cls.__name__})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
