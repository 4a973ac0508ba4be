#!/usr/bin/env bash
# Prove moto's signature and policy checks are on (run after start-moto.sh).
#   usage: check-moto-auth.sh [MOTO_JSON] [ENDPOINT_OVERRIDE, e.g. the fault proxy's URL]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
F="${1:-$repo/output/rig/moto.json}"
site="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pythonPath"])' "$F")"
exec env PYTHONPATH="$site" /usr/bin/python3 "$here/check_moto_auth.py" "$F" "${@:2}"
