#!/usr/bin/env bash
# Side by side on one corpus: guard-alerts replay --format jsonl (the Native AOT executable of scripts/publish-cli.sh
# on one core and on every core, and the same code on the JIT via `dotnet guard-alerts.dll`), a jq filter on the same
# eventNames, a Python json.load + set filter, and a bare Utf8JsonReader skim of the same bytes (the practical limit;
# JIT and Native AOT); for gzip corpora also decompression alone. Prints the median of N runs, MB/s, events/s, ratios.
#
#   bench/compare.sh <corpus-dir> [runs]      e.g. bench/compare.sh bench/.corpus/plain-256 5
#
# Needs: the .NET SDK, python3, jq (Debian/Ubuntu: sudo apt-get install -y jq), taskset (util-linux).
# Make a corpus first: dotnet run -c Release --project bench/CorpusGen -- --out bench/.corpus/plain-256 --size-mb 256
set -euo pipefail
cd "$(dirname "$0")/.."

corpus="${1:?usage: bench/compare.sh <corpus-dir> [runs]}"
runs="${2:-3}"
for tool in jq python3 taskset; do
  if ! command -v "$tool" >/dev/null; then
    echo "compare.sh: $tool is missing (jq: sudo apt-get install -y jq; taskset: sudo apt-get install -y util-linux)" >&2
    exit 2
  fi
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/GuardAlerts.Cli -c Release --nologo -v q 2>&1 | grep -E ' error |rror\(s\)' || true
dotnet build bench/Skim -c Release --nologo -v q 2>&1 | grep -E ' error |rror\(s\)' || true
cli="src/GuardAlerts.Cli/bin/Release/net10.0/guard-alerts.dll"
skim="bench/Skim/bin/Release/net10.0/Skim.dll"
native="$(scripts/publish-cli.sh bench/.results/native)"
scripts/aot-publish.sh bench/Skim/Skim.csproj bench/.results/skim-native
skim_native="bench/.results/skim-native/Skim"

mapfile -t files < <(find "$corpus" -type f \( -name '*.json' -o -name '*.json.gz' \) | LC_ALL=C sort)
[ "${#files[@]}" -gt 0 ] || { echo "compare.sh: no .json or .json.gz files under $corpus" >&2; exit 2; }
names="$(mktemp)"
set_file="$(mktemp)"
trap 'rm -f "$names" "$set_file"' EXIT
jq -r '.rules[] | .eventNames // [] | .[]' config/risk-table.json | sort -u > "$names"
jq -R -s -c 'split("\n") | map(select(length > 0)) | map({(.): true}) | add' "$names" > "$set_file"

read -r bytes events < <(dotnet "$skim" "${files[@]}" | sed -E 's/bytes=([0-9]+) events=([0-9]+).*/\1 \2/')
gz=no
[[ "${files[0]}" == *.gz ]] && gz=yes

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
time_runs() { # label, command...
  local label="$1"; shift
  local t=()
  for ((i = 0; i < runs; i++)); do
    local s e
    s=$(date +%s.%N)
    "$@" > /dev/null
    e=$(date +%s.%N)
    t+=("$(echo "$e - $s" | bc -l)")
  done
  printf '%s\n' "${t[@]}" | median | xargs printf '%s %s\n' "$label"
}

one=(env DOTNET_PROCESSOR_COUNT=1 taskset -c 0)
results="$(
  time_runs "replay-1core" "${one[@]}" "$native" replay "${files[@]}" --format jsonl --now 2026-10-18T00:00:00Z
  time_runs "replay-allcores" "$native" replay "${files[@]}" --format jsonl --now 2026-10-18T00:00:00Z
  time_runs "replay-jit-1core" "${one[@]}" dotnet "$cli" replay "${files[@]}" --format jsonl --now 2026-10-18T00:00:00Z
  time_runs "skim-1core" "${one[@]}" "$skim_native" "${files[@]}"
  time_runs "skim-jit-1core" "${one[@]}" dotnet "$skim" "${files[@]}"
  if [ "$gz" = yes ]; then time_runs "gunzip-only-1core" "${one[@]}" "$skim_native" --decompress-only "${files[@]}"; fi
  time_runs "jq-1core" taskset -c 0 bench/jq-filter.sh "$set_file" "${files[@]}"
  time_runs "python-1core" taskset -c 0 python3 bench/filter.py "$names" "${files[@]}"
)"

mb=$(echo "$bytes / 1048576" | bc -l)
printf '\ncorpus %s: %d files, %.1f MB uncompressed, %d events, gzip=%s, median of %d runs, %s cores\n' \
  "$corpus" "${#files[@]}" "$mb" "$events" "$gz" "$runs" "$(nproc)"
printf '%-18s %9s %9s %12s %14s\n' tool seconds MB/s events/s replay-1core/x
replay1=$(echo "$results" | awk '$1 == "replay-1core" {print $2}')
echo "$results" | while read -r label secs; do
  printf '%-18s %9.3f %9.1f %12.0f %14.2f\n' "$label" "$secs" "$(echo "$mb / $secs" | bc -l)" \
    "$(echo "$events / $secs" | bc -l)" "$(echo "$secs / $replay1" | bc -l)"
done
echo "(last column: how many times faster replay-1core is than that row; below 1 means that row is faster)"
