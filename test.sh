#!/usr/bin/env bash
# Sets up everything the tests need on a fresh machine (NuGet restore, npm packages into tools/node) and runs every test.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

if [ -f tools/node/package-lock.json ]; then
  npm ci --prefix tools/node --no-audit --no-fund --loglevel=error
fi

dotnet build GuardAlerts.sln -c Release --nologo -warnaserror 2>&1 | tail -n 3

# The Native AOT binaries the function, CLI and CDK tests run, built once here, one after the other, before any test
# starts: the tests' own calls of these scripts then copy them from the cache instead of compiling in parallel.
scripts/publish-functions.sh >/dev/null
scripts/publish-cli.sh >/dev/null

log="$(mktemp)"
status=0
dotnet test GuardAlerts.sln -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?

# One plain closing line for every runner that reads it: "N passed, N failed".
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
