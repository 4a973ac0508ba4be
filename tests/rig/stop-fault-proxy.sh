#!/usr/bin/env bash
# Stop the fault proxy recorded in JSON (default <repo>/output/rig/fault-proxy.json). Safe if already dead.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
exec bash "$here/stop-moto.sh" "${1:-$repo/output/rig/fault-proxy.json}"
