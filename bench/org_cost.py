#!/usr/bin/env python3
"""Monthly AWS cost, peak load and quota headroom of an organization deployment, from bench/org_counts.py's counts.

usage: bench/org_cost.py bench/.results/org-100.counts.json bench/.results/org-1000.counts.json > bench/.results/org-cost.md

Every price, duration and rate below is an assumption stated in docs/organizations.md ("Scale"), with its source;
change one here and rerun to see what it does. A month is 30 days of the generated day.
"""
import json
import math
import sys

REGIONS = 4                 # member regions per account (the day's --regions)
DAYS = 30
EMAILS = 3                  # e-mail subscriptions of the alerts topic
PHONES = 2                  # SMS subscriptions (Critical and up, the stack's default smsMinSeverity)
CHECKS_PER_DAY = 96         # silent-member checks (every 15 minutes)
LAST_SEEN_ITEM_BYTES = 200  # one last-seen item per account x region (BatchGetItem bills each item rounded up to 4 KB)
REGISTRY_ENTRY_BYTES = 24   # "account:region" in the registry item (measured on dynalite: 4,000 entries, 94 KB)
DIRECTORY_ENTRY_BYTES = 40  # account id and a 20-character name in the org#directory item, written by every check

# Prices, us-east-1, list, USD (docs/organizations.md says which were checked against AWS pages on 2026-11-30).
EVENTBRIDGE_PER_M = 1.00          # an event a member's rule sends to the central bus (custom-event rate: upper bound)
LAMBDA_REQUEST_PER_M = 0.20
LAMBDA_GB_SECOND = 0.0000166667   # x86_64
LAMBDA_GB = 128 / 1024            # AlertFunction.MemoryMb
DDB_WRITE_PER_M = 0.625           # on-demand write request unit
DDB_READ_PER_M = 0.125            # on-demand read request unit
SNS_PUBLISH_PER_M = 0.50
SNS_EMAIL_PER_100K = 2.00
SMS_US_EACH = 0.00883             # SNS US SMS price + carrier fee, per message part (order of magnitude)
LOGS_INGEST_PER_GB = 0.50
LOGS_STORE_PER_GB_MONTH = 0.03
LOG_RETENTION_MONTHS = 3          # AlertFunction: RetentionDays.THREE_MONTHS

# Billed milliseconds per invocation (assumed: the code itself takes ~0.011 ms per event, bench/README.md; the rest
# is DynamoDB and SNS round trips), plus the Native AOT bootstrap's init, counted on every invocation (upper bound).
MS_DECIDE = 2        # decided without a ledger call (ignored, exempted)
MS_DUPLICATE = 10    # one UpdateItem (the claim finds the alert already published)
MS_ALERT = 60        # claim UpdateItem, SNS Publish, confirm UpdateItem
MS_HEARTBEAT = 10    # one UpdateItem of the last-seen item (the registry is written once per member region)
MS_CHECK = 1000      # the silent-member check reads every last-seen item
MS_INIT = 16         # exec -> first `next` of the AOT bootstrap, bench/functions/README.md (15.9 ms median)
LOG_BYTES = 1500     # START/END/REPORT lines plus the decision line, per invocation

# Peak: an organization-wide change applied by CI to every account and region within one minute; each apply
# forwards what the generator's apply forwards on average (OrgPlanner: 0.25 + 3.5 + 0.1 + 0.6 + 0.1 calls).
EVENTS_PER_APPLY = 4.55
BURST_SECONDS = 60
# Heartbeats on a schedule that fires at the top of the hour in every member region arrive together: within this.
HEARTBEAT_SECONDS = 10

QUOTAS = [  # name, default, unit of the load it bounds
    ("EventBridge PutEvents, us-east-1 (if events from other accounts count)", 10_000, "events/s"),
    ("EventBridge invocations, us-east-1 (central rules -> functions)", 18_750, "events/s"),
    ("EventBridge invocations, ap-southeast-2 (the lowest of the four member regions; per member account)", 2_250, "events/s per account"),
    ("Lambda concurrent executions per region", 1_000, "concurrent"),
    ("Lambda scaling: new environments per function per 10 s", 1_000, "concurrent"),
    ("DynamoDB on-demand table throughput (default maximum)", 40_000, "writes/s"),
    ("SNS Publish, us-east-1", 30_000, "alerts/s"),
]


def month(c):
    n = c["accounts"]
    forwarded = c["forwarded_cloudtrail"]
    gd = c["guardduty_to_function"]
    alerts, dups = c["outcomes"].get("alert", 0), c["outcomes"].get("duplicate", 0)
    decided = forwarded + gd - alerts - dups
    heartbeats = n * REGIONS * 24
    invocations = forwarded + gd + heartbeats + CHECKS_PER_DAY
    ms = alerts * MS_ALERT + dups * MS_DUPLICATE + decided * MS_DECIDE + heartbeats * MS_HEARTBEAT + CHECKS_PER_DAY * MS_CHECK + invocations * MS_INIT
    # A heartbeat writes its last-seen item (1 unit); the registry only for a member region new to it (not counted).
    # Each check writes the account names (one item, by its size, with organizationId) and reads the registry
    # (strongly consistent, by its size) and every member item (BatchGetItem: each item rounded up to 4 KB).
    writes = c["ledger_writes"] + heartbeats + CHECKS_PER_DAY * math.ceil(n * DIRECTORY_ENTRY_BYTES / 1024)
    reads = CHECKS_PER_DAY * (n * REGIONS * math.ceil(LAST_SEEN_ITEM_BYTES / 4096) + math.ceil(n * REGIONS * REGISTRY_ENTRY_BYTES / 4096))
    critical = c["alerts_by_severity"].get("Critical", 0)
    day = {
        "eventbridge_events": forwarded + heartbeats,
        "lambda_invocations": invocations,
        "lambda_gb_s": ms / 1000 * LAMBDA_GB,
        "ddb_writes": writes,
        "ddb_reads": reads,
        "sns_publishes": alerts,
        "emails": alerts * EMAILS,
        "sms": critical * PHONES,
        "log_gb": invocations * LOG_BYTES / 1e9,
    }
    m = {k: v * DAYS for k, v in day.items()}
    cost = {
        "EventBridge (cross-account events: forwarded + heartbeats)": m["eventbridge_events"] / 1e6 * EVENTBRIDGE_PER_M,
        "Lambda requests": m["lambda_invocations"] / 1e6 * LAMBDA_REQUEST_PER_M,
        "Lambda duration": m["lambda_gb_s"] * LAMBDA_GB_SECOND,
        "DynamoDB writes": m["ddb_writes"] / 1e6 * DDB_WRITE_PER_M,
        "DynamoDB reads": m["ddb_reads"] / 1e6 * DDB_READ_PER_M,
        "SNS publishes": m["sns_publishes"] / 1e6 * SNS_PUBLISH_PER_M,
        "SNS e-mail deliveries": m["emails"] / 1e5 * SNS_EMAIL_PER_100K,
        "SNS SMS": m["sms"] * SMS_US_EACH,
        "CloudWatch Logs (ingestion + 3 months stored)": m["log_gb"] * (LOGS_INGEST_PER_GB + LOGS_STORE_PER_GB_MONTH * LOG_RETENTION_MONTHS),
    }
    return day, m, cost


def burst(c):
    n = c["accounts"]
    forwarded = c["forwarded_cloudtrail"]
    alerts, dups = c["outcomes"].get("alert", 0), c["outcomes"].get("duplicate", 0)
    per_event_ms = (alerts * MS_ALERT + dups * MS_DUPLICATE + (forwarded - alerts - dups) * MS_DECIDE) / forwarded + MS_INIT
    writes_per_event = c["ledger_writes"] / forwarded
    alerts_per_event = alerts / forwarded
    rate = n * REGIONS * EVENTS_PER_APPLY / BURST_SECONDS
    return rate, per_event_ms, writes_per_event, alerts_per_event


def main():
    rows = []
    for path in sys.argv[1:]:
        c = json.load(open(path))
        c["accounts"] = int(c["label"].split("-")[1])
        rows.append((c, *month(c), *burst(c)))

    print("| per day | " + " | ".join(f"{c['accounts']:,} accounts" for c, *_ in rows) + " |")
    print("|---|" + "---:|" * len(rows))
    for key, label in [("forwarded_cloudtrail", "CloudTrail events a member's rule forwards"), ("guardduty_to_function", "GuardDuty findings reaching the function")]:
        print(f"| {label} | " + " | ".join(f"{c[key]:,}" for c, *_ in rows) + " |")
    print("| heartbeats (accounts x 4 regions x 24) | " + " | ".join(f"{c['accounts'] * REGIONS * 24:,}" for c, *_ in rows) + " |")
    for key, label in [("eventbridge_events", "events sent to the central bus"), ("lambda_invocations", "Lambda invocations"), ("ddb_writes", "DynamoDB writes (claims, confirms, last-seen, account names)"),
                       ("ddb_reads", "DynamoDB reads (silent-member checks)"), ("sns_publishes", "SNS publishes (alerts)"), ("emails", f"e-mails ({EMAILS} addresses)"), ("sms", f"SMS ({PHONES} phones, Critical only)")]:
        print(f"| {label} | " + " | ".join(f"{d[key]:,.0f}" for _, d, *_ in rows) + " |")
    print("| busiest minute of forwarded events in the day | " + " | ".join(f"{c['busiest_minute'][1]} ({c['busiest_minute'][0][11:]} UTC)" for c, *_ in rows) + " |")
    print()
    print("| per month (30 days), USD | " + " | ".join(f"{c['accounts']:,} accounts" for c, *_ in rows) + " |")
    print("|---|" + "---:|" * len(rows))
    for key in rows[0][3]:
        print(f"| {key} | " + " | ".join(f"{cost[key]:,.2f}" for _, _, _, cost, *_ in rows) + " |")
    print("| **total** | " + " | ".join(f"**{sum(cost.values()):,.2f}**" for _, _, _, cost, *_ in rows) + " |")
    print()
    print(f"Burst: every account x {REGIONS} regions applies one change within {BURST_SECONDS} s, {EVENTS_PER_APPLY} forwarded events each.")
    print()
    print("| burst | " + " | ".join(f"{c['accounts']:,} accounts" for c, *_ in rows) + " |")
    print("|---|" + "---:|" * len(rows))
    print("| events/s into the central account | " + " | ".join(f"{r:,.0f}" for _, _, _, _, r, *_ in rows) + " |")
    print("| mean billed ms per forwarded event | " + " | ".join(f"{ms:.1f}" for _, _, _, _, _, ms, *_ in rows) + " |")
    print("| Lambda concurrency (events/s x duration) | " + " | ".join(f"{r * ms / 1000:,.1f}" for _, _, _, _, r, ms, *_ in rows) + " |")
    print("| DynamoDB writes/s | " + " | ".join(f"{r * w:,.0f}" for _, _, _, _, r, _, w, _ in rows) + " |")
    print("| alerts/s | " + " | ".join(f"{r * a:,.1f}" for _, _, _, _, r, _, _, a in rows) + " |")
    print(f"| heartbeats/s if every member region's heartbeat arrives within {HEARTBEAT_SECONDS} s | " + " | ".join(f"{c['accounts'] * REGIONS / HEARTBEAT_SECONDS:,.0f}" for c, *_ in rows) + " |")
    print()
    c, *_, rate, ms, w, a = rows[-1]
    per_account = rate / c["accounts"]
    print("| quota (default) | load it bounds in the burst | accounts at which the burst reaches it |")
    print("|---|---|---:|")
    for name, limit, unit in QUOTAS:
        if unit == "concurrent":
            load = per_account * ms / 1000
        elif unit == "writes/s":
            load = per_account * w
        elif unit == "alerts/s":
            load = per_account * a
        elif unit == "events/s per account":
            print(f"| {name}: {limit:,} | one account's own burst: {EVENTS_PER_APPLY / BURST_SECONDS:.2f} events/s | never (per account) |")
            continue
        else:
            load = per_account
        beats = REGIONS / HEARTBEAT_SECONDS
        at = f"{limit / load:,.0f}"
        if unit in ("events/s", "writes/s"):
            at += f" (heartbeats together: {limit / beats:,.0f})"
        print(f"| {name}: {limit:,} | {load:.4f} {unit} per account | {at} |")


if __name__ == "__main__":
    main()
