#!/usr/bin/env bash
# Stop the moto server recorded in a JSON written by start-moto.sh (or start-fault-proxy.sh).
#   usage: stop-moto.sh [JSON]   default <repo>/output/rig/moto.json. Safe if already stopped.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
F="${1:-$repo/output/rig/moto.json}"
[[ -f "$F" ]] || { echo "stop: no $F (nothing to stop)"; exit 0; }
read -r pid port < <(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("pid",""), d.get("port",""))' "$F" 2>/dev/null) || true
if [[ -z "${pid:-}" ]] || ! kill -0 "$pid" 2>/dev/null; then echo "stop: pid ${pid:-?} not running"; exit 0; fi
# Only kill it if it still is the process we started (guards against pid reuse).
cmd="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)"
if [[ "$cmd" != *"-p $port"* && "$cmd" != *"--port $port"* && "$cmd" != *"fault-proxy"* ]]; then
  echo "stop: pid $pid is not ours ($cmd); leaving it"; exit 0
fi
kill "$pid" 2>/dev/null || true
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || { echo "stop: stopped pid $pid"; exit 0; }; sleep 0.1; done
kill -9 "$pid" 2>/dev/null || true
echo "stop: killed pid $pid"
