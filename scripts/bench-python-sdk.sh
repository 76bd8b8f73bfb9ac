#!/usr/bin/env bash
# Benchmark for the README's performance section (issue 15), not part of CI: what a Python Lambda
# using Genesys's official SDK (PureCloudPlatformClientV2, pinned below) pays on this machine.
# Installs the SDK into a throwaway venv, measures its installed and zipped size, then runs each
# case N times under /usr/bin/time -v (wall clock, CPU time and peak RSS): the bare interpreter, importing
# the SDK, and agent-state's first-batch cold start done with the SDK (import, client-credentials
# token, one presence-event batch and one routing-status-event batch) against a loopback
# genesys-emulator it starts. Prints a markdown table of medians with min and max.
#
# Usage: scripts/bench-python-sdk.sh [--runs N] [--python PY] [--emulator PATH] [--venv DIR]
#                                    [--read-definitions] [EXSYNC_BINARY]
#   --runs N             measured runs per case (default 7, or $RUNS); one unmeasured warm-up
#                        round comes first, and the cases are interleaved round by round
#   --python PY          interpreter for the venv (default python3, or $PYTHON)
#   --emulator PATH      genesys-emulator binary (default $GENESYS_EMULATOR, else
#                        target/release or target/debug; build it with
#                        `cargo build -p genesys-emulator`)
#   --venv DIR           keep the venv in DIR and reuse it on the next run (default: a temp dir,
#                        removed at exit)
#   --read-definitions   also measure the cold start with GET /api/v2/presence/definitions
#                        (what agent-state does when the id map lacks the secondary labels)
#   EXSYNC_BINARY        an agent-state release binary: its size is added to the table; its cold
#                        start comes from `cargo bench -p agent-state --bench calls_and_cold_start`
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

SDK_VERSION="269.0.0"
RUNS="${RUNS:-7}"
PYTHON="${PYTHON:-python3}"
EMULATOR="${GENESYS_EMULATOR:-}"
VENV=""
READ_DEFINITIONS=0
EXSYNC_BINARY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --python) PYTHON="$2"; shift 2 ;;
    --emulator) EMULATOR="$2"; shift 2 ;;
    --venv) VENV="$2"; shift 2 ;;
    --read-definitions) READ_DEFINITIONS=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) EXSYNC_BINARY="$1"; shift ;;
  esac
done
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ -z "$EMULATOR" ]; then
  for candidate in target/release/genesys-emulator target/debug/genesys-emulator; do
    [ -x "$candidate" ] && EMULATOR="$ROOT/$candidate" && break
  done
fi
[ -n "$EMULATOR" ] && [ -x "$EMULATOR" ] || {
  echo "no genesys-emulator binary: build it (cargo build -p genesys-emulator) or pass --emulator PATH" >&2
  exit 1
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-python-sdk.XXXXXX")"
EMULATOR_PID=""
cleanup() {
  if [ -n "$EMULATOR_PID" ]; then kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
[ -n "$VENV" ] || VENV="$WORK/venv"
HELPER="$ROOT/scripts/python_sdk_cold_start.py"

echo "==> venv ($VENV) with PureCloudPlatformClientV2==${SDK_VERSION}" >&2
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
if ! "$VENV/bin/pip" show PureCloudPlatformClientV2 2>/dev/null | grep -q "^Version: ${SDK_VERSION}$"; then
  # pip byte-compiles on install, as `pip install -t` does when a Lambda package is built
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "PureCloudPlatformClientV2==${SDK_VERSION}"
fi
PY="$VENV/bin/python"

echo "==> installed size and zipped layer" >&2
"$PY" "$HELPER" size "$WORK/layer.zip" > "$WORK/size.json"
rm -f "$WORK/layer.zip"

echo "==> emulator ($EMULATOR)" >&2
GENESYS_CLIENT_ID="bench-python-sdk"
GENESYS_CLIENT_SECRET="$("$PYTHON" -c 'import secrets; print(secrets.token_hex(16))')"
export GENESYS_CLIENT_ID GENESYS_CLIENT_SECRET
"$EMULATOR" --port 0 --client-id "$GENESYS_CLIENT_ID" --client-secret "$GENESYS_CLIENT_SECRET" \
  > "$WORK/emulator.out" 2> "$WORK/emulator.err" &
EMULATOR_PID=$!
BASE=""
for _ in $(seq 1 100); do
  BASE="$(head -n 1 "$WORK/emulator.out" 2>/dev/null || true)"
  [ -n "$BASE" ] && break
  kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$WORK/emulator.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$BASE" ] || { echo "the emulator printed no base URL" >&2; exit 1; }
"$PYTHON" "$HELPER" seed "$BASE" "$WORK/fixture.json"

LABELS=(
  "\`python -c pass\` (interpreter baseline)"
  "\`import PureCloudPlatformClientV2\`"
  "SDK cold start: import + token + presence and routing-status event batches (10 agents)"
)
[ "$READ_DEFINITIONS" = 1 ] && LABELS+=("SDK cold start as above + GET presence definitions")

# the Genesys calls one SDK cold start makes, read from the emulator's request log
emulator_log() {
  "$PYTHON" - "$BASE" "$1" <<'EOF'
import json, sys, urllib.request
base, action = sys.argv[1], sys.argv[2]
if action == "clear":
    urllib.request.urlopen(urllib.request.Request(base + "/__admin/requests", method="DELETE"))
else:
    log = json.load(urllib.request.urlopen(base + "/__admin/requests"))
    log = log if isinstance(log, list) else log.get("requests", [])
    print(", ".join(f"{r['method']} {r['path']} → {r['status']}" for r in log))
EOF
}

measure() { # case index → one line of samples.tsv
  local elapsed rss cpu
  case "$1" in
    0) set -- "$1" "$PY" -c pass ;;
    1) set -- "$1" "$PY" -c "import PureCloudPlatformClientV2" ;;
    2) set -- "$1" "$PY" "$HELPER" coldstart "$WORK/fixture.json" ;;
    3) set -- "$1" "$PY" "$HELPER" coldstart "$WORK/fixture.json" --read-definitions ;;
  esac
  local label="${LABELS[$1]}"
  shift
  /usr/bin/time -v -o "$WORK/time.txt" "$@" > /dev/null
  elapsed="$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time.txt")"
  rss="$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$WORK/time.txt")"
  cpu="$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.0f", s * 1000 }' "$WORK/time.txt")"
  # m:ss.ss or h:mm:ss → ms
  elapsed="$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.0f", s * 1000 }' <<< "$elapsed")"
  printf '%s\t%s\t%s\t%s\n' "$label" "$elapsed" "$cpu" "$rss" >> "$WORK/samples.tsv"
}

echo "==> warm-up round (not counted)" >&2
: > "$WORK/samples.tsv"
emulator_log clear
for i in "${!LABELS[@]}"; do measure "$i"; done
CALLS="$(emulator_log show)"
: > "$WORK/samples.tsv"
for round in $(seq 1 "$RUNS"); do
  echo "==> round $round/$RUNS" >&2
  for i in "${!LABELS[@]}"; do measure "$i"; done
done

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); load average $(cut -d' ' -f1-3 /proc/loadavg) at the end. From /usr/bin/time -v: wall clock (10 ms resolution), CPU = user + system time (less disturbed by other load than wall), peak RSS = \"Maximum resident set size\"."
echo
"$PYTHON" "$HELPER" report "$WORK/samples.tsv" "$WORK/size.json"
if [ -n "$EXSYNC_BINARY" ] && [ -f "$EXSYNC_BINARY" ]; then
  echo "| exsync agent-state binary ($EXSYNC_BINARY) | $(awk '{ printf "%.1f MiB", $1 / 1048576 }' <<< "$(stat -c %s "$EXSYNC_BINARY")") |"
fi
echo
echo "Genesys calls of the warm-up round's SDK cold start$([ "$READ_DEFINITIONS" = 1 ] && echo "s (both cases)") (emulator log): $CALLS"
