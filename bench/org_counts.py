#!/usr/bin/env python3
"""Counts what an organization's day costs in AWS, from `guard-alerts replay --format jsonl` on stdin.

usage: guard-alerts replay <day> --format jsonl | bench/org_counts.py <risk-table.json> <label> > counts.json

Per event it decides what a member account's EventBridge rules forward to the central bus, by name, as the deployed
patterns do (cdk/GuardAlerts.Cdk/Patterns): every eventName of a rule, except the read-only threshold rules', which
are deployed only with -c countReadOnlyCalls=true and narrowed further by their conditions (not counted: the day
has none of the calls they count); GuardDuty
findings reach the GuardDuty function when their severity can alert (GuardDutyThreshold: Medium and up under the
shipped table). The root user's every-call rule is not counted: the generated day has no root calls. It also counts the replay's outcomes (alert by severity, duplicate, exempted, ignored, rejected) and
the ledger writes they make (claim: one UpdateItem per alert or duplicate; confirm: one more per alert).
"""
import collections
import json
import sys

NOISE = '"reason":"no risk-table rule matches'


def main():
    table = json.load(open(sys.argv[1]))
    label = sys.argv[2]
    default = set()
    for rule in table["rules"]:
        if rule.get("kind") != "cloudtrail":
            continue
        names = rule.get("eventNames", [])
        if not ("threshold" in rule and rule.get("readOnly")):
            default.update(names)

    outcomes = collections.Counter()
    forwarded = collections.Counter()
    guardduty_to_function = 0
    guardduty_findings = 0
    alerts_by_severity = collections.Counter()
    alerts_by_rule = collections.Counter()
    events = 0
    per_minute = collections.Counter()
    for line in sys.stdin:
        events += 1
        # Most lines are "no rule matches" for a name no pattern forwards: counted without parsing them. A name a
        # pattern forwards (CreateRole whose trust policy admits no outsider) is still forwarded.
        if NOISE in line and '"kind":"cloudtrail"' in line:
            start = line.find('"name":"') + 8
            name = line[start:line.find('"', start)]
            if name not in default:
                outcomes["ignored"] += 1
                continue
        d = json.loads(line)
        outcome = d["outcome"]
        outcomes[outcome] += 1
        if outcome == "alert":
            alerts_by_severity[d["severity"]] += 1
            alerts_by_rule[d["rule"]] += 1
        if d["kind"] == "guardduty":
            guardduty_findings += 1
            if d["severity"] not in ("Low", "Informational", None):
                guardduty_to_function += 1
                per_minute[d["time"][:16]] += 1
            continue
        name = d["name"]
        if name in default:
            forwarded[name] += 1
            per_minute[d["time"][:16]] += 1

    print(json.dumps({
        "label": label,
        "events": events,
        "cloudtrail_events": events - guardduty_findings,
        "guardduty_findings": guardduty_findings,
        "outcomes": dict(outcomes),
        "alerts": outcomes["alert"],
        "alerts_by_severity": dict(alerts_by_severity),
        "alerts_by_rule": dict(alerts_by_rule.most_common()),
        "forwarded_cloudtrail": sum(forwarded.values()),
        "forwarded_by_name": dict(forwarded.most_common()),
        "guardduty_to_function": guardduty_to_function,
        "ledger_writes": 2 * outcomes["alert"] + outcomes["duplicate"],
        "busiest_minute": max(per_minute.items(), key=lambda kv: kv[1]) if per_minute else None,
    }, indent=1))


if __name__ == "__main__":
    main()
