#!/usr/bin/env bash
# Installs the Node.js tools the tests start themselves (dynalite, the official SNS client for the
# conformance test) into tools/node/node_modules, exactly as locked in tools/node/package-lock.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
npm ci --prefix "$root/tools/node" --no-audit --no-fund
