#!/usr/bin/env bash
# Produces the deployable folder for both Lambda functions: a Native AOT `bootstrap` (linux-x64, provided.al2023)
# and the policy files beside it. The CDK stack runs this during synth; run it by hand to inspect the package.
# The bootstrap is rebuilt only when its inputs change (scripts/aot-publish.sh keeps the last builds in artifacts/aot/).
#   scripts/publish-functions.sh [OUTDIR]     (default: artifacts/functions)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "${1:-$root/artifacts/functions}")"

# Written to a fresh folder and renamed into place, so a reader of OUTDIR sees the old package or the new one.
staging="$out.staging.$$"
rm -rf "$staging" && mkdir -p "$staging/config"
trap 'rm -rf "$staging"' EXIT
"$root/scripts/aot-publish.sh" "$root/src/GuardAlerts.Functions/GuardAlerts.Functions.csproj" bootstrap "$staging/bootstrap"
cp "$root/config/risk-table.json" "$root/config/exemptions.json" "$root/config/providers.json" "$staging/config/"
"$root/scripts/check-glibc.sh" "$staging/bootstrap" 1>&2
rm -rf "$out"
mv "$staging" "$out"
trap - EXIT
echo "$out"
