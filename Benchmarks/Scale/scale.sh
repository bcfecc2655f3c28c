#!/usr/bin/env bash
# Scale: STATIONS idle stations (default 50,000) on this one machine, against `ocpp-fleet csms --processes
# 3`, past one process's open-file limit on both sides: `run` spreads the stations over worker processes by
# itself (each with its own loopback source address), the CSMS serves one port from three processes.
#
#   Benchmarks/Scale/scale.sh [STATIONS] [SECONDS] [RAMP]     (defaults: 50000 60 20000)
#
# Prints the seconds until every station was connected and booted (from the merged report's timeline, to
# the second), the connect + boot rate, the fleet's and the CSMS's peak RSS (the sum over their processes)
# and per station, and the scheduler lag. The merged report is kept in scale-STATIONS-report/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
stations=${1:-50000}
seconds=${2:-60}
ramp=${3:-20000}
binary="$root/.build/release/ocpp-fleet"
[ -x "$binary" ] || (cd "$root" && swift build -c release --product ocpp-fleet >/dev/null)
report="$PWD/scale-$stations-report"
log=$(mktemp)
trap 'kill -INT $csms 2>/dev/null || true; rm -f "$log"' EXIT

"$binary" csms --listen 127.0.0.1:0 --processes 3 --heartbeat-interval 60 >/dev/null 2>"$log" &
csms=$!
for _ in $(seq 300); do grep -q "listening on" "$log" && break; sleep 0.2; done
port=$(grep -o 'ws://127.0.0.1:[0-9]*' "$log" | head -1 | cut -d: -f3)
cd "$root"
started=$(date +%s.%N)
"$binary" run --csms "ws://127.0.0.1:$port/ocpp" --profile idle --stations "$stations" --speed 1 \
    --duration "${seconds}s" --ramp "$ramp/s" --report "$report" --quiet >/dev/null
ended=$(date +%s.%N)
csms_hwm=0
for pid in $csms $(pgrep -P "$csms" || true); do
    kib=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    csms_hwm=$((csms_hwm + kib))
done

python3 - "$report/report.json" "$report/timeline.csv" "$stations" "$csms_hwm" "$started" "$ended" <<'PY'
import csv, json, sys
report = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
stations, csms_kib = int(sys.argv[3]), int(sys.argv[4])
wall = float(sys.argv[6]) - float(sys.argv[5])
boots = report["messages"]["by_action"].get("BootNotification", {})
full = next((int(r["second"]) + int(r["seconds"]) for r in rows if int(r["connected"]) >= stations), None)
fleet_kib = report["process"]["max_rss_bytes"] / 1024
lag = report["scheduler"]["lag_ms"]
print(f"stations                 {stations}")
print(f"established              {report['connections']['established']}  (failed {report['connections']['failed']})")
print(f"BootNotification ok      {boots.get('ok', 0)}  p99 {boots.get('latency_ms', {}).get('p99', 0)} ms")
print(f"all connected after      {full} s" + (f"  ->  {stations / full:,.0f} stations/s connected and booted" if full else ""))
print(f"fleet peak RSS           {fleet_kib / 1024:,.1f} MiB  ({fleet_kib * 1024 / stations:,.0f} B per station, all worker processes)")
print(f"CSMS peak RSS            {csms_kib / 1024:,.1f} MiB  ({csms_kib * 1024 / stations:,.0f} B per station, 3 processes)")
print(f"scheduler lag            p50 {lag['p50']} ms, p99 {lag['p99']} ms, max {lag['max']} ms")
print(f"fleet CPU                {report['process']['cpu_s']:.1f} s  over {wall:.1f} s of wall time")
PY
