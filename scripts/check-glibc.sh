#!/usr/bin/env bash
# Fails when a binary needs a glibc newer than Amazon Linux 2023's (2.34), the provided.al2023 runtime's.
#   scripts/check-glibc.sh BINARY [MAX_VERSION]
set -euo pipefail
binary="$1"
max="${2:-2.34}"
needed="$(objdump -T "$binary" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)"
if [ -z "$needed" ]; then
  echo "check-glibc: $binary references no versioned glibc symbol" >&2
  exit 1
fi
if [ "$(printf '%s\n%s\n' "$needed" "$max" | sort -V | tail -n 1)" != "$max" ]; then
  echo "check-glibc: $binary needs glibc $needed, newer than $max (Amazon Linux 2023)" >&2
  exit 1
fi
echo "check-glibc: $binary needs glibc <= $needed (limit $max): ok"
