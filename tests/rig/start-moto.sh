#!/usr/bin/env bash
# Start moto (IAM auth on) and write its connection JSON.
#   usage: start-moto.sh [OUT_JSON]   default <repo>/output/rig/moto.json; log beside it (moto.log)
#   env:   KVS_RIG_DIR = moto cache (default <repo>/.cache/moto)
# Installs moto first if the cache is missing (install-moto.sh is a no-op when cached).
# Prints the JSON on stdout. Callable from pwsh:  $moto = bash tests/rig/start-moto.sh | ConvertFrom-Json
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
OUT="${1:-$repo/output/rig/moto.json}"
DIR="${KVS_RIG_DIR:-$repo/.cache/moto}"
mkdir -p "$(dirname "$OUT")"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
if ! ilog="$(bash "$here/install-moto.sh" "$DIR" 2>&1)"; then echo "$ilog" >&2; exit 1; fi
# Stop a previous instance recorded in the same file.
[[ -f "$OUT" ]] && bash "$here/stop-moto.sh" "$OUT" >/dev/null 2>&1 || true
exec env PYTHONPATH="$DIR/site" /usr/bin/python3 "$here/start_moto.py" "$OUT" "$DIR/site"
