#!/usr/bin/env bash
# The jq baseline for bench/compare.sh: records whose eventName is in the set (a JSON object {"Name": true, ...}).
#   bench/jq-filter.sh <set.json> <file>...     (gzip files are decompressed with gzip -dc)
set -euo pipefail
set_file="$1"; shift
for f in "$@"; do
  if [[ "$f" == *.gz ]]; then gzip -dc "$f"; else cat "$f"; fi
done | jq -c --slurpfile set "$set_file" '.Records[] | select($set[0][.eventName // ""] == true)'
