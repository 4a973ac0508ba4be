#!/usr/bin/env bash
# Self-test of the fault proxy (run after start-moto.sh and start-fault-proxy.sh).
#   usage: check-fault-proxy.sh [MOTO_JSON] [PROXY_JSON]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
M="${1:-$repo/output/rig/moto.json}"; P="${2:-$repo/output/rig/fault-proxy.json}"
site="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pythonPath"])' "$M")"
exec env PYTHONPATH="$site" /usr/bin/python3 "$here/check_fault_proxy.py" "$M" "$P"
