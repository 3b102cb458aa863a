#!/usr/bin/env bash
# Native AOT publish of one project for linux-x64, built once per set of inputs and shared by every caller.
#   scripts/aot-publish.sh <project.csproj> <binary-name> <destination-file> [--no-embedded-policy]
#   scripts/aot-publish.sh --inputs-hash <project.csproj> [--no-embedded-policy]    (prints the cache key only)
#
# --no-embedded-policy builds Core without the config/ defaults (EmbedDefaultPolicy=false): the Lambda bootstrap reads
# the policy deployed beside it, so config/ is no input of that binary and a policy edit never rebuilds it.
#
# The binary is cached under artifacts/aot/<name>/<inputs-hash>/: a second call with unchanged sources, build files,
# embedded policy and SDK copies the cached binary in milliseconds instead of spending a minute in the AOT compiler.
# Everything (the cache check, the build, the copy to the destination) happens under one lock, so concurrent callers
# (the CDK synth, the function tests, the CLI tests) never see a half-written folder: the build goes to a fresh folder
# that is renamed into place only when complete, and the destination is written as a temporary file and renamed.
# The build uses its own bin/obj tree (--artifacts-path), so it never rewrites the project.assets.json or obj/
# folders that a concurrent `dotnet build`, `dotnet test` or `dotnet run` of the same projects is using.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
usage="usage: aot-publish.sh <project.csproj> <binary-name> <destination-file> [--no-embedded-policy]"
hash_only=false
if [ "${1:-}" = "--inputs-hash" ]; then
  hash_only=true
  shift
  set -- "${1:?$usage}" - - "${2:-}"
fi
project="${1:?$usage}"
binary="${2:?$usage}"
destination="$(realpath -m "${3:?$usage}")"
name="$(basename "$project" .csproj)"
embed=true
case "${4:-}" in
  "") ;;
  --no-embedded-policy) embed=false ;;
  *) echo "$usage" >&2; exit 2 ;;
esac

# Everything that can change the binary: the sources of every project under src/ (a project references only those),
# the repository-wide build files, the policy files Core embeds (unless --no-embedded-policy), the coverage catalogue
# the CLI embeds, this script and the SDK version.
inputs_hash() {
  (
    cd "$root"
    echo "embedded policy: $embed"
    folders=(src)
    if [ "$embed" = true ]; then folders+=(config); fi
    find "${folders[@]}" -type f \( -path '*/bin/*' -o -path '*/obj/*' \) -prune -o -type f -print | LC_ALL=C sort \
      | xargs -d '\n' sha256sum
    sha256sum Directory.Build.props Directory.Packages.props global.json BannedSymbols.txt docs/coverage.json scripts/aot-publish.sh
    dotnet --version
  ) | sha256sum | cut -c1-16
}

if [ "$hash_only" = true ]; then
  inputs_hash
  exit 0
fi

mkdir -p "$root/artifacts/aot"
exec 9>"$root/artifacts/aot/.lock"
flock 9

hash="$(inputs_hash)"
cache="$root/artifacts/aot/$name/$hash"
if [ -f "$cache/$binary" ]; then
  echo "aot-publish: $name is up to date ($hash)" >&2
else
  echo "aot-publish: building $name with Native AOT (one to several minutes; cached until its inputs change)..." >&2
  started=$(date +%s)
  building="$cache.building"
  rm -rf "$building" && mkdir -p "$building"
  # A build tree per embedding choice: Core's compiled resources must never carry over from the other one.
  dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -p:SelfContained=true -p:EmbedDefaultPolicy=$embed \
    --artifacts-path "$root/artifacts/aot-build/$name-embed-$embed" -o "$building" --nologo -v quiet -warnaserror 1>&2
  if [ ! -f "$building/$binary" ]; then
    echo "aot-publish: dotnet publish of $name made no $binary" >&2
    exit 1
  fi
  mv "$building" "$cache"
  # Keep the newest builds only: nothing reads a cache folder outside this lock, so deleting here is safe.
  ls -1dt "$root/artifacts/aot/$name"/*/ 2>/dev/null | tail -n +4 | xargs -r rm -rf
  echo "aot-publish: built $name in $(( $(date +%s) - started )) s" >&2
fi

mkdir -p "$(dirname "$destination")"
cp "$cache/$binary" "$destination.tmp.$$"
chmod 755 "$destination.tmp.$$"
mv -f "$destination.tmp.$$" "$destination"
