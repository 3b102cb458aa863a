#!/usr/bin/env bash
# Produces the deployable folder for both Lambda functions: a Native AOT `bootstrap` (linux-x64, provided.al2023)
# and the policy files beside it. The CDK stack runs this during synth; run it by hand to inspect the package.
#   scripts/publish-functions.sh [OUTDIR]     (default: artifacts/functions)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "${1:-$root/artifacts/functions}")"
work="$root/artifacts/obj/functions-publish"

"$root/scripts/aot-publish.sh" "$root/src/GuardAlerts.Functions/GuardAlerts.Functions.csproj" "$work"

rm -rf "$out" && mkdir -p "$out/config"
cp "$work/bootstrap" "$out/bootstrap"
chmod 755 "$out/bootstrap"
cp "$root/config/risk-table.json" "$root/config/exemptions.json" "$out/config/"
"$root/scripts/check-glibc.sh" "$out/bootstrap" 1>&2
echo "$out"
