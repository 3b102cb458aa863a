#!/usr/bin/env bash
# Generates an organization's day (bench/CorpusGen --accounts --regions), replays it with the Native AOT CLI and
# counts what it would cost in AWS (bench/org_counts.py); bench/org_cost.py turns the counts into the tables of
# docs/organizations.md ("Scale").
#   bench/org-scale.sh [RUNS] [ACCOUNTS...]      (default: 3 runs; 100 and 1000 accounts)
# Writes bench/.corpus/org-<n>/ (about 1.3 KB per event: 100 accounts ~1.2 GB, 1000 accounts ~12 GB; delete it after)
# and bench/.results/org-<n>.{gen,time,counts.json}.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
shift || true
sizes=("$@")
[ "${#sizes[@]}" -eq 0 ] && sizes=(100 1000)
regions=us-east-1,eu-west-1,eu-central-1,ap-southeast-2

dotnet build bench/CorpusGen -c Release --nologo -v q >/dev/null
cli="$(scripts/publish-cli.sh)"
mkdir -p bench/.results
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"

for n in "${sizes[@]}"; do
  day="bench/.corpus/org-$n"
  rm -rf "$day"
  /usr/bin/time -f "generate wall=%e s" dotnet bench/CorpusGen/bin/Release/net10.0/CorpusGen.dll \
    --out "$day" --accounts "$n" --regions "$regions" --seed 6 2>&1 | tee "bench/.results/org-$n.gen"
  : > "bench/.results/org-$n.time"
  for i in $(seq "$runs"); do
    sync
    echo "load average before run $i: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "bench/.results/org-$n.time"
    /usr/bin/time -f "replay wall=%e user=%U sys=%S maxrss_kb=%M" "$cli" replay "$day" --format jsonl 2>>"bench/.results/org-$n.time" >/dev/null
    tail -n 1 "bench/.results/org-$n.time"
  done
  "$cli" replay "$day" --format jsonl | python3 bench/org_counts.py config/risk-table.json "org-$n" > "bench/.results/org-$n.counts.json"
  python3 -c "import json,sys; c=json.load(open(sys.argv[1])); print({k: c[k] for k in ('events','alerts','outcomes','forwarded_cloudtrail','guardduty_to_function','ledger_writes')})" "bench/.results/org-$n.counts.json"
done
