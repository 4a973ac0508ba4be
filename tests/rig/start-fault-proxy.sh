#!/usr/bin/env bash
# Start fault-proxy.py in the background.
#   usage: start-fault-proxy.sh [TARGET_URL] [RATE] [SEED] [OUT_JSON] [extra fault-proxy.py args...]
#     TARGET_URL default: "endpoint" of <repo>/output/rig/moto.json
#     RATE default 0.2, SEED default 1, OUT_JSON default <repo>/output/rig/fault-proxy.json (log beside it)
#   e.g. start-fault-proxy.sh "" 0.3 42 "" --kinds throttle429,drop --mode before
# Prints the JSON ({endpoint, port, pid, target, rate, seed, kinds, mode, statsUrl, startedAt}).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
TARGET="${1:-}"; RATE="${2:-0.2}"; SEED="${3:-1}"; OUT="${4:-$repo/output/rig/fault-proxy.json}"
shift $(( $# < 4 ? $# : 4 ))
if [[ -z "$TARGET" ]]; then
  TARGET="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["endpoint"])' "$repo/output/rig/moto.json")"
fi
mkdir -p "$(dirname "$OUT")"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
LOG="${OUT%.json}.log"
[[ -f "$OUT" ]] && bash "$here/stop-moto.sh" "$OUT" >/dev/null 2>&1 || true
rm -f "$OUT"
setsid /usr/bin/python3 "$here/fault-proxy.py" --target "$TARGET" --rate "$RATE" --seed "$SEED" \
  --state-file "$OUT" "$@" </dev/null >>"$LOG" 2>&1 &
pid=$!
for _ in $(seq 100); do
  [[ -s "$OUT" ]] && { cat "$OUT"; echo; exit 0; }
  kill -0 "$pid" 2>/dev/null || { echo "fault proxy exited; see $LOG" >&2; tail -5 "$LOG" >&2; exit 1; }
  sleep 0.05
done
echo "fault proxy did not start; see $LOG" >&2; exit 1
