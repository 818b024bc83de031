"""usage: sarif_summary.py LOG

Prints a SARIF log one line per fact, for FileCheck: the run's tool, rules
and invocations, then per result its rule, level, location, fingerprint,
related locations, code flows, fixes and suppressions."""
import json
import sys


def loc(l):
    p = l["physicalLocation"]
    a = p["artifactLocation"]
    r = p.get("region", {})
    base = f"{a['uriBaseId']}:" if "uriBaseId" in a else ""
    end = f"-{r['endLine']}:{r['endColumn']}" if "endColumn" in r else ""
    return f"{base}{a['uri']}:{r.get('startLine')}:{r.get('startColumn')}{end}"


def main(path):
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    print(f"version {log['version']} runs {len(log['runs'])}")
    for run in log["runs"]:
        d = run["tool"]["driver"]
        print(f"tool {d['name']} {d.get('version')} rules "
              + ",".join(r["id"] for r in d["rules"]))
        print("base " + ",".join(f"{k}={v['uri']}" for k, v in
                                 sorted(run.get("originalUriBaseIds", {}).items())))
        for inv in run.get("invocations", []):
            print(f"invocation successful={inv['executionSuccessful']}")
            for n in inv.get("toolExecutionNotifications", []):
                print(f"  notification {n['level']}: {n['message']['text']}")
        for res in run["results"]:
            rule = d["rules"][res["ruleIndex"]]["id"]
            assert rule == res["ruleId"], (rule, res["ruleId"])
            print(f"result {res['ruleId']} {res['level']} {loc(res['locations'][0])} "
                  f"fp={res['partialFingerprints']['primaryLocationLineHash']}")
            print(f"  message {res['message']['text']}")
            for r in res.get("relatedLocations", []):
                print(f"  related {r['id']} {loc(r)} {r['message']['text']}")
            for cf in res.get("codeFlows", []):
                steps = [loc(s["location"]) for tf in cf["threadFlows"]
                         for s in tf["locations"]]
                print("  flow " + " -> ".join(steps))
            for fix in res.get("fixes", []):
                for ch in fix["artifactChanges"]:
                    for rep in ch["replacements"]:
                        reg = rep["deletedRegion"]
                        print(f"  fix {ch['artifactLocation']['uri']} "
                              f"@{reg['byteOffset']}+{reg['byteLength']} "
                              f"{json.dumps(rep['insertedContent']['text'])}")
            for sup in res.get("suppressions", []):
                where = f" at {loc(sup['location'])}" if "location" in sup else ""
                why = f" {json.dumps(sup['justification'])}" \
                    if "justification" in sup else ""
                print(f"  suppression {sup['kind']}{where}{why}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
