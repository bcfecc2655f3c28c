#!/usr/bin/env bash
# The main job's benchmark: `ocpp-fleet run` against the embedded CSMS served by `ocpp-fleet csms` in a
# process of its own (so that the fleet's CPU and memory are the fleet's alone), at a high message rate.
#
#   Benchmarks/Run/run-bench.sh [STATIONS] [SPEED] [SECONDS]      (defaults: 10000 60 40)
#
# Heartbeats come every 60 simulated seconds: at --speed 60, one per station per wall second. Prints one
# table row per run from its report.json: fleet CPU µs per round trip (CPU of the run / CALLs answered,
# connection set-up included), RSS per station (peak RSS / stations), msgs/s, latency and scheduler lag.
set -euo pipefail
cd "$(dirname "$0")/../.."
stations=${1:-10000}
speed=${2:-60}
seconds=${3:-40}
binary=.build/release/ocpp-fleet
[ -x "$binary" ] || swift build -c release --product ocpp-fleet >/dev/null
work=$(mktemp -d)
trap 'kill $csms 2>/dev/null || true; rm -rf "$work"' EXIT

port=$((20000 + RANDOM % 20000))
"$binary" csms --listen "127.0.0.1:$port" --heartbeat-interval 60 >"$work/csms.log" 2>&1 &
csms=$!
sleep 1
"$binary" run --csms "ws://127.0.0.1:$port/ocpp" --stations "$stations" --speed "$speed" \
    --duration "${seconds}s" --ramp 2000/s --report "$work/report" --quiet >"$work/run.log" 2>&1
python3 - "$work/report/report.json" "$stations" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
stations = int(sys.argv[2])
actions = report["messages"]["by_action"]
answered = sum(a["ok"] + a["call_errors"] for a in actions.values())
timeouts = sum(a["timeouts"] for a in actions.values())
process = report["process"]
print("| stations | speed | s | answered | timeouts | msgs/s | CPU s (user + sys) | µs/round trip | RSS MiB | KiB/station | p99 ms (all) | lag p99 ms |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
latency = report["messages"].get("all", {}).get("latency_ms", {}).get("p99", "–")
print(f"| {stations} | {report['run']['speed']} | {report['run']['duration_s']:.0f} | {answered} | {timeouts} "
      f"| {report['throughput']['msgs_per_s']:.0f} | {process['cpu_s']:.2f} ({process['user_s']:.2f} + {process['system_s']:.2f}) | {process['cpu_s'] * 1e6 / max(1, answered):.1f} "
      f"| {process['max_rss_bytes'] / 2**20:.0f} | {process['max_rss_bytes'] / 1024 / stations:.1f} "
      f"| {latency} | {report['scheduler']['lag_ms']['p99']} |")
PY
