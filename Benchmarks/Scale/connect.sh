#!/usr/bin/env bash
# Connect storm: STATIONS idle stations of ONE fleet process (2 event loops) ramping at RAMP/s against one
# `ocpp-fleet csms` process (2 loops), and what the kernel's TCP counters say about it: the accept-queue
# overflows and the SYNs retransmitted that a connect storm may cost, which the load on the machine does
# not change (unlike the rates).
#
#   Benchmarks/Scale/connect.sh [STATIONS] [RAMP] [SECONDS] [-- RUN OPTIONS...]   (defaults: 20000 20000 15)
#
# When it may (root, or unprivileged user namespaces), it runs in a network namespace of its own, so that
# the counters (`nstat`) count this run's sockets only and the sysctls are the namespace's defaults;
# otherwise the counters are the machine's, and other programs' sockets count too (it says so). While the
# fleet runs, the listening sockets' accept queues are sampled (`ss -ltn`, every 50 ms) for their deepest.
# Prints the counters' change over the run, the deepest accept queue, the connect time percentiles and
# histogram, the BootNotification latency, the seconds until every station was booted, and the first
# seconds of the timeline. OCPP_FLEET=PATH uses that binary instead of the release build.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [ -z "${CONNECT_SH_NETNS:-}" ]; then
    export CONNECT_SH_NETNS=1
    if unshare -n true 2>/dev/null; then
        exec unshare -n "$0" "$@"
    elif unshare -rn true 2>/dev/null; then
        exec unshare -rn "$0" "$@"
    fi
    CONNECT_SH_NETNS=0
fi
if [ "$CONNECT_SH_NETNS" = 1 ]; then
    ip link set lo up
    namespace="a network namespace of its own"
else
    namespace="the machine's network namespace: the counters include other programs' sockets"
fi
stations=${1:-20000}
ramp=${2:-20000}
seconds=${3:-15}
shift $(($# < 3 ? $# : 3))
[ "${1:-}" = "--" ] && shift
binary=${OCPP_FLEET:-"$root/.build/release/ocpp-fleet"}
[ -x "$binary" ] || (cd "$root" && swift build -c release --product ocpp-fleet >/dev/null)
work=$(mktemp -d)
csms=""
sampler=""
cleanup() {
    [ -n "$sampler" ] && kill "$sampler" 2>/dev/null
    [ -n "$csms" ] && kill -INT "$csms" 2>/dev/null && wait "$csms" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

"$binary" csms --listen 127.0.0.1:0 --heartbeat-interval 60 >/dev/null 2>"$work/csms.log" &
csms=$!
for _ in $(seq 300); do grep -q "listening on" "$work/csms.log" && break; sleep 0.2; done
port=$(grep -o 'ws://127.0.0.1:[0-9]*' "$work/csms.log" | head -1 | cut -d: -f3)
(
    while true; do
        ss -ltnH "sport = :$port" | awk '{ print $2 }'
        sleep 0.05
    done
) >"$work/queues" 2>/dev/null &
sampler=$!
nstat -n >/dev/null
started=$(date +%s.%N)
cd "$root"
"$binary" run --csms "ws://127.0.0.1:$port/ocpp" --profile idle --stations "$stations" --speed 1 \
    --duration "${seconds}s" --ramp "$ramp/s" --report "$work/report" --quiet "$@" >/dev/null || true
ended=$(date +%s.%N)
nstat -az >"$work/nstat"
awk '{ print ($14 + $15) / 100 }' "/proc/$csms/stat" >"$work/csms-cpu"
kill "$sampler" 2>/dev/null
sampler=""

python3 - "$work" "$stations" "$ramp" "$started" "$ended" "$namespace" <<'PY'
import csv, json, sys
work, stations, ramp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
wall = float(sys.argv[5]) - float(sys.argv[4])
report = json.load(open(f"{work}/report/report.json"))
rows = list(csv.DictReader(open(f"{work}/report/timeline.csv")))
counters = {}
for line in open(f"{work}/nstat"):
    fields = line.split()
    if len(fields) >= 2 and fields[1].isdigit():
        counters[fields[0]] = int(fields[1])
queues = [int(q) for q in open(f"{work}/queues").read().split() if q.isdigit()]
print(f"{stations} stations, ramp {ramp}/s, one fleet process against one csms process, in {sys.argv[6]}")
print("kernel counters over the run:")
for name in ["TcpActiveOpens", "TcpPassiveOpens", "TcpExtListenOverflows", "TcpExtListenDrops",
             "TcpExtTCPReqQFullDrop", "TcpExtSyncookiesSent", "TcpExtSyncookiesRecv", "TcpExtTCPSynRetrans",
             "TcpRetransSegs", "TcpExtTCPTimeouts", "TcpAttemptFails", "TcpEstabResets"]:
    print(f"  {name:26} {counters.get(name, 0)}")
print(f"deepest accept queue seen    {max(queues, default=0)} (of the listening sockets, sampled every 50 ms)")
connections = report["connections"]
print(f"attempted {connections['attempted']}, established {connections['established']}, failed {connections['failed']} "
      f"{connections['failed_by_reason'] or ''}")
c = connections.get("connect_ms", {})
print("connect time ms              p50 {} p90 {} p99 {} max {}".format(
    c.get("p50"), c.get("p90"), c.get("p99"), c.get("max")))
buckets = report.get("histograms", {}).get("connect_time", {})
edges = [(0, 100), (100, 500), (500, 1000), (1000, 2000), (2000, 4000), (4000, 8000), (8000, 1e12)]
counts = [0] * len(edges)
def micros(index):  # LatencyHistogram.value(atIndex:): 11-bit sub-buckets
    bucket, sub = (index >> 10) - 1, (index & 1023) + 1024
    if bucket < 0:
        bucket, sub = 0, sub - 1024
    return sub << bucket
for index, count in buckets.get("buckets", []):
    upper_ms = micros(index) / 1000
    for i, (low, high) in enumerate(edges):
        if low <= upper_ms < high:
            counts[i] += count
if any(counts):
    print("connect time histogram       " + "  ".join(
        f"{int(lo)}-{'' if hi > 1e11 else int(hi)} ms: {n}" for (lo, hi), n in zip(edges, counts)))
boots = report["messages"]["by_action"].get("BootNotification", {})
print(f"BootNotification ok {boots.get('ok', 0)}, latency p99 {boots.get('latency_ms', {}).get('p99')} ms")
full = next((int(r["second"]) + int(r["seconds"]) for r in rows if int(r["booted"] or 0) >= stations), None)
print(f"all booted after             {full} s" + (f" -> {stations / full:,.0f} stations/s" if full else ""))
lag = report["scheduler"]["lag_ms"]
print(f"scheduler lag                p50 {lag['p50']} ms, p99 {lag['p99']} ms, max {lag['max']} ms")
csms_cpu = float(open(f"{work}/csms-cpu").read())
cpu = report['process']['cpu_s']
print(f"CPU                          fleet {cpu:.1f} s ({cpu / stations * 1e6:,.0f} µs per station), csms {csms_cpu:.1f} s "
      f"({csms_cpu / stations * 1e6:,.0f} µs per station), over {wall:.1f} s of wall time")
print("second  attempts  connected  booted  connect_timeouts")
for r in rows[:12]:
    print(f"{r['second']:>6}  {r['connect_attempts']:>8}  {r['connected']:>9}  {r['booted']:>6}  {r['connect_timeouts']:>16}")
PY
