#!/usr/bin/env bash
# Produces the deployable code of both Lambda functions: the Native AOT `bootstrap` (linux-x64, provided.al2023),
# alone. The policy files travel in their own asset (a Lambda layer the CDK app builds from config/), so the binary
# has no policy in it and a policy edit does not rebuild it. The CDK stack runs this during synth; run it by hand to
# inspect the package. The bootstrap is rebuilt only when its inputs change (scripts/aot-publish.sh keeps the last
# builds in artifacts/aot/).
#   scripts/publish-functions.sh [OUTDIR]     (default: artifacts/functions)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "${1:-$root/artifacts/functions}")"

# Written to a fresh folder and renamed into place, so a reader of OUTDIR sees the old package or the new one.
staging="$out.staging.$$"
rm -rf "$staging" && mkdir -p "$staging"
trap 'rm -rf "$staging"' EXIT
"$root/scripts/aot-publish.sh" "$root/src/GuardAlerts.Functions/GuardAlerts.Functions.csproj" bootstrap "$staging/bootstrap" --no-embedded-policy
"$root/scripts/check-glibc.sh" "$staging/bootstrap" 1>&2
rm -rf "$out"
mv "$staging" "$out"
trap - EXIT
echo "$out"
