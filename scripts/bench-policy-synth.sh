#!/usr/bin/env bash
# Measures what a policy-only change costs locally: the time of `cdk synth` after an edit of config/exemptions.json.
#   scripts/bench-policy-synth.sh          warm: one untimed synth fills the Native AOT cache, then the timed one
#   scripts/bench-policy-synth.sh --cold   cold: the bootstrap's AOT cache is emptied first (a fresh clone's first synth)
# The edit appends a newline to config/exemptions.json (still the same policy, different bytes: a new asset hash);
# the file is restored on exit. Prints one line: "<mode> policy-only synth: N s".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cdk="$root/tools/node/node_modules/.bin/cdk"
[ -x "$cdk" ] || { echo "bench-policy-synth: run npm ci --prefix tools/node first" >&2; exit 1; }
out="$(mktemp -d)"
saved="$(mktemp)"
cp config/exemptions.json "$saved"
trap 'cp "$saved" config/exemptions.json; rm -rf "$out" "$saved"' EXIT

synth() { "$cdk" synth --quiet -o "$out" -c alertEmails=you@example.com >/dev/null; }

mode=warm
if [ "${1:-}" = "--cold" ]; then
  mode=cold
  rm -rf artifacts/aot/GuardAlerts.Functions
else
  synth 2>/dev/null
fi

printf '\n' >> config/exemptions.json
started=$(date +%s.%N)
synth
echo "$mode policy-only synth: $(echo "$(date +%s.%N) - $started" | bc | xargs printf '%.0f') s"
