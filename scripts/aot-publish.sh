#!/usr/bin/env bash
# Native AOT publish of one project for linux-x64 into a fresh folder; used by publish-functions.sh and publish-cli.sh.
#   scripts/aot-publish.sh <project.csproj> <workdir>
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
project="${1:?usage: aot-publish.sh <project.csproj> <workdir>}"
work="${2:?usage: aot-publish.sh <project.csproj> <workdir>}"

# One publish at a time: the CDK synth, the function tests and the CLI tests all publish, and concurrent Native AOT
# builds of the shared projects would write the same obj/ folders.
mkdir -p "$root/artifacts"
exec 9>"$root/artifacts/.publish.lock"
flock 9

rm -rf "$work" && mkdir -p "$work"
dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -p:SelfContained=true \
  -o "$work" --nologo -v quiet -warnaserror 1>&2
