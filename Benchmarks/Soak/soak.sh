#!/usr/bin/env bash
# Soak: does the fleet's memory stay flat over a long run? Runs `ocpp-fleet run` against the embedded CSMS
# served by `ocpp-fleet csms` in a process of its own (so the RSS is the fleet's alone), samples the fleet's
# VmRSS every INTERVAL seconds, and prints the samples, the peak, and the slope of RSS over time after
# warm-up (least squares, KiB per minute).
#
#   Benchmarks/Soak/soak.sh [STATIONS] [MINUTES] [SPEED] [INTERVAL] [WARMUP_S]   (defaults: 5000 60 60 10 60)
#
# Heartbeats come every 60 simulated seconds: at --speed 60, one per station per wall second. Samples go
# to soak-STATIONS-MINUTESm.csv in the current folder (elapsed_s,rss_kib); the run's report folder is
# kept beside it (soak-STATIONS-MINUTESm-report/) for its timeline and peak RSS (VmHWM). Where a C compiler
# is found, heapwatch.c is preloaded into the fleet and the heap's own figures go to
# soak-STATIONS-MINUTESm-heap.csv (glibc's mallinfo2: bytes in use, bytes held free, and the lowest bytes
# in use of each interval, read ten times a second), with their slopes.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
stations=${1:-5000}
minutes=${2:-60}
speed=${3:-60}
interval=${4:-10}
warmup=${5:-60}
binary="$root/.build/release/ocpp-fleet"
[ -x "$binary" ] || (cd "$root" && swift build -c release --product ocpp-fleet >/dev/null)
name="soak-$stations-${minutes}m"
samples="$PWD/$name.csv"
heap="$PWD/$name-heap.csv"
report="$PWD/$name-report"
log=$(mktemp)
watcher=$(mktemp -d)
trap 'kill $csms 2>/dev/null || true; rm -rf "$log" "$watcher"' EXIT
preload=()
rm -f "$heap"
if cc -O2 -shared -fPIC -o "$watcher/heapwatch.so" "$root/Benchmarks/Soak/heapwatch.c" -lpthread 2>/dev/null; then
    preload=(env LD_PRELOAD="$watcher/heapwatch.so" HEAPWATCH_FILE="$heap" HEAPWATCH_INTERVAL="$interval")
fi

port=$((20000 + RANDOM % 20000))
"$binary" csms --listen "127.0.0.1:$port" --heartbeat-interval 60 >/dev/null 2>&1 &
csms=$!
# A loaded machine can take more than a second to start it.
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
cd "$root"
"${preload[@]}" "$binary" run --csms "ws://127.0.0.1:$port/ocpp" --stations "$stations" --speed "$speed" \
    --duration "${minutes}m" --ramp 2000/s --report "$report" --quiet >"$log" 2>&1 &
fleet=$!
start=$(date +%s)
echo "elapsed_s,rss_kib" >"$samples"
while kill -0 "$fleet" 2>/dev/null; do
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$fleet/status" 2>/dev/null || true)
    [ -n "$rss" ] && echo "$(( $(date +%s) - start )),$rss" >>"$samples"
    sleep "$interval"
done
wait "$fleet" || { echo "the run failed:" >&2; cat "$log" >&2; exit 1; }

python3 - "$samples" "$report/report.json" "$warmup" "$heap" "$minutes" <<'PY'
import json, os, sys
rows = [tuple(map(int, line.split(","))) for line in open(sys.argv[1]).read().split()[1:]]
warmup = int(sys.argv[3])
# Samples from the end of the run on are left out: writing the report touches code and buffers the run
# never needed (6 MB of RSS at once), which would pass for growth.
end = int(sys.argv[5]) * 60
kept = [(t, kib) for t, kib in rows if warmup <= t < end]
n = len(kept)


def fit(points):
    mean_t = sum(t for t, _ in points) / len(points)
    mean_r = sum(r for _, r in points) / len(points)
    return sum((t - mean_t) * (r - mean_r) for t, r in points) / sum((t - mean_t) ** 2 for t, _ in points), mean_t, mean_r


slope, mean_t, mean_r = fit(kept)
residuals = [r - (mean_r + slope * (t - mean_t)) for t, r in kept]
spread = (sum(e * e for e in residuals) / max(1, n - 2)) ** 0.5
report = json.load(open(sys.argv[2]))
timeline = report.get("timeline", {})
print(f"samples: {len(rows)} every ~{rows[1][0] - rows[0][0] if len(rows) > 1 else 0} s; "
      f"after {warmup} s of warm-up and before the run's end: {n}")
print(f"RSS after warm-up: first {kept[0][1] / 1024:.1f} MiB, last {kept[-1][1] / 1024:.1f} MiB, "
      f"min {min(r for _, r in kept) / 1024:.1f}, max {max(r for _, r in kept) / 1024:.1f} MiB (sd of residuals {spread:.0f} KiB)")
print(f"slope: {slope * 60:.1f} KiB/min")
print(f"peak RSS (VmHWM, report): {report['process']['max_rss_bytes'] / 2**20:.1f} MiB; "
      f"msgs/s {report['throughput']['msgs_per_s']}; timeline: {len(timeline.get('rows', []))} rows of "
      f"{timeline.get('grain_s', 1)} s; report.json {os.path.getsize(sys.argv[2]) / 1024:.0f} KiB")
# A fleet that falls behind (scheduler lag, latency in seconds) queues what it cannot send: its memory
# then grows with the backlog, whatever the steady state would be.
lag = report["scheduler"]["lag_ms"]
latency = report["messages"]["all"]["latency_ms"]
print(f"scheduler lag p50 {lag['p50']} ms, p99 {lag['p99']} ms; latency p50 {latency['p50']} ms, p99 {latency['p99']} ms; "
      f"timeouts {report['messages']['all']['timeouts']}")
if os.path.exists(sys.argv[4]):
    heap = [line.split(",") for line in open(sys.argv[4]).read().split()[1:]]
    # The floor (heapwatch.c: the lowest of the interval's readings, ten a second, mapped blocks included)
    # leaves out the fleet's once-a-second bursts: its slope is the one that tells growth.
    for label, column in (("in use", 2), ("held free", 3), ("in use, floor", 6)):
        points = [(int(r[0]), int(r[column])) for r in heap if len(r) > column and warmup <= int(r[0]) < end]
        if len(points) > 2:
            print(f"heap {label} (mallinfo2): first {points[0][1] / 1024:.1f} MiB, last {points[-1][1] / 1024:.1f} MiB, "
                  f"slope {fit(points)[0] * 60:.1f} KiB/min")
PY
