#!/usr/bin/env bash
# RSS per idle connected station: the slope of one fleet process's RSS between SMALL and LARGE idle stations
# (issue #11's "≤ 2 KiB per idle connected station"), against `ocpp-fleet csms` in another process.
#
#   Benchmarks/Scale/slope.sh [SMALL] [LARGE] [RUNS] [SETTLE_S]     (defaults: 1000 15000 3 3)
#
# For each run, a fleet of SMALL then one of LARGE stations (`run --profile idle --speed 1`, one process,
# 2 event loops) against one `ocpp-fleet csms`: when every station's BootNotification is answered (the
# fleet's Prometheus endpoint says so) and SETTLE_S seconds have passed, the fleet's VmRSS is read, then the
# fleet is stopped. Prints each run's two RSS and slope, and the median slope. When a C compiler builds
# Benchmarks/Soak/heapwatch.c, the heap's bytes in use (glibc's mallinfo2, the lowest of the last second's
# readings) are read too and their slope printed beside: RSS less heap is code, stacks and the pages the
# allocator holds. OCPP_FLEET=PATH uses that binary instead of the release build.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
small=${1:-1000}
large=${2:-15000}
runs=${3:-3}
settle=${4:-3}
binary=${OCPP_FLEET:-"$root/.build/release/ocpp-fleet"}
[ -x "$binary" ] || (cd "$root" && swift build -c release --product ocpp-fleet >/dev/null)
work=$(mktemp -d)
csms=""
fleet=""
cleanup() {
    [ -n "$fleet" ] && kill -INT "$fleet" 2>/dev/null && wait "$fleet" 2>/dev/null
    [ -n "$csms" ] && kill -INT "$csms" 2>/dev/null && wait "$csms" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

preload=()
if cc -O2 -shared -fPIC -o "$work/heapwatch.so" "$root/Benchmarks/Soak/heapwatch.c" -lpthread 2>/dev/null; then
    preload=(env LD_PRELOAD="$work/heapwatch.so" HEAPWATCH_FILE="$work/heap.csv" HEAPWATCH_INTERVAL=1)
fi

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

"$binary" csms --listen 127.0.0.1:0 --heartbeat-interval 60 >/dev/null 2>"$work/csms.log" &
csms=$!
for _ in $(seq 300); do grep -q "listening on" "$work/csms.log" && break; sleep 0.2; done
port=$(grep -o 'ws://127.0.0.1:[0-9]*' "$work/csms.log" | head -1 | cut -d: -f3)
[ -n "$port" ] || { echo "slope: the CSMS did not listen" >&2; exit 1; }

# Sets rss and heap (KiB) of an idle fleet of $1 stations, once all are booted (heap 0 without heapwatch).
measure() {
    local stations=$1 metrics booted=0
    metrics=$(free_port)
    rm -f "$work/heap.csv"
    "${preload[@]}" "$binary" run --csms "ws://127.0.0.1:$port/ocpp" --profile idle --stations "$stations" --speed 1 \
        --duration 20m --ramp 5000/s --quiet --metrics-port "$metrics" --report "$work/report" \
        >/dev/null 2>"$work/fleet.log" &
    fleet=$!
    for _ in $(seq 600); do
        booted=$(curl -s --max-time 5 "http://127.0.0.1:$metrics/metrics" 2>/dev/null \
            | awk '/^ocpp_fleet_messages_ok_total\{action="BootNotification"\}/ { print $2 }' || true)
        [ "${booted:-0}" -ge "$stations" ] 2>/dev/null && break
        sleep 0.5
    done
    [ "${booted:-0}" -ge "$stations" ] 2>/dev/null \
        || { echo "slope: only ${booted:-0} of $stations stations booted" >&2; exit 1; }
    sleep "$settle"
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$fleet/status")
    heap=0
    [ -f "$work/heap.csv" ] && heap=$(tail -1 "$work/heap.csv" | cut -d, -f7)
    kill -INT "$fleet"
    wait "$fleet" 2>/dev/null || true
    fleet=""
}

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
slopes=()
heaps=()
for run in $(seq "$runs"); do
    measure "$small"
    low=$rss low_heap=${heap:-0}
    measure "$large"
    high=$rss high_heap=${heap:-0}
    slope=$(( (high - low) * 1024 / (large - small) ))
    heap=$(( (high_heap - low_heap) * 1024 / (large - small) ))
    slopes+=("$slope")
    heaps+=("$heap")
    printf 'run %d: RSS %6d stations %8d KiB, %6d stations %8d KiB: %5d B per station (heap in use: %5d B)\n' \
        "$run" "$small" "$low" "$large" "$high" "$slope" "$heap"
done
printf 'median slope (%d runs): %d B of RSS per idle connected station (%.2f KiB); heap in use %d B\n' \
    "$runs" "$(median "${slopes[@]}")" "$(echo "$(median "${slopes[@]}") / 1024" | bc -l)" "$(median "${heaps[@]}")"
