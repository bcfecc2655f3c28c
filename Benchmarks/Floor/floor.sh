#!/usr/bin/env bash
# The kernel's floor under issue #11's targets (see floor.c): a minimal C client and server, one socket per
# station, no WebSocket, OCPP or Swift, run at the issue's rates on this machine.
#
#   Benchmarks/Floor/floor.sh [RUNS]      (default 3; about 100 s a run)
#
# Each run prints six lines:
#   - 1,000 stations × 1 request/s (1,000 msgs/s: the wake-up cost, each request nearly its own);
#   - 1,000 stations × 10 requests/s and 10,000 stations × 1 request/s (10,000 msgs/s, the "fleet CPU
#     ≤ 15 µs per round trip" target), one server process;
#   - 15,000 stations at 50,000 msgs/s (the "≥ 50,000 answered msgs/s at p99 < 100 ms" target), one server;
#   - 50,000 connections, each with a station's five boot round trips, from three client processes into
#     three server processes sharing the port (the "≥ 10,000 stations/s, scheduler lag p99 < 5 ms"
#     target), as fast as they can and then ramped at 10,000 a second: the wall time until the last one
#     finished, the rate, the CPU per connection of the clients and the servers, and the worst client's
#     1 ms tick lateness.
set -euo pipefail
runs=${1:-3}
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
servers=()
clients=()
cleanup() {
    kill "${clients[@]}" "${servers[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
cc -O2 -Wall -Wextra -o "$work/floor" "$here/floor.c"

port=$((20000 + RANDOM % 20000))
for index in 1 2 3; do
    "$work/floor" serve "$port" >"$work/server$index" &
    servers+=($!)
done
for index in 1 2 3; do
    for _ in $(seq 100); do grep -q ready "$work/server$index" && break; sleep 0.05; done
done

# CPU seconds (user + system) of the given processes so far.
cpu() {
    local ticks total=0
    ticks=$(getconf CLK_TCK)
    for pid in "$@"; do
        total=$((total + $(awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat")))
    done
    echo "scale=3; $total / $ticks" | bc
}

# One line for the three connecting clients: SERVER_CPU_BEFORE SERVER_CPU_AFTER RAMP CLIENT_OUTPUT...
summarize() {
    python3 - "$@" <<'PY'
import sys
before, after = float(sys.argv[1]), float(sys.argv[2])
rows = [dict(zip(*[iter(open(path).read().split())] * 2)) for path in sys.argv[4:]]
rows = [{key: value.strip("()") for key, value in row.items()} for row in rows]
count = sum(int(row["connections"]) for row in rows)
seconds = max(float(row["seconds"]) for row in rows)
client = sum(float(row["client_us_per_connection"]) * int(row["connections"]) for row in rows) / count
print(f"ramp {sys.argv[3]}/s connections {count} seconds {seconds:.3f} per_second {count / seconds:.0f} "
      f"client_us_per_connection {client:.1f} server_us_per_connection {(after - before) * 1e6 / count:.1f} "
      f"tick_lag_p99_ms {max(float(row['tick_lag_p99_ms']) for row in rows):.2f} (worst of the three clients)")
PY
}

for run in $(seq "$runs"); do
    echo "run $run ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
    # The three servers share the port: pass all three, whichever the kernel hands each connection to.
    "$work/floor" paced "$port" 127.10.0.1 1000 1000 3 15 "${servers[@]}"
    "$work/floor" paced "$port" 127.1.0.1 1000 10000 3 15 "${servers[@]}"
    "$work/floor" paced "$port" 127.2.0.1 10000 10000 3 15 "${servers[@]}"
    "$work/floor" paced "$port" 127.3.0.1 15000 50000 5 20 "${servers[@]}"

    # As fast as three processes can, then paced at 10,000 a second in all (the issue's rate).
    for ramp_index in 1 2; do
        ramp=$(( ramp_index == 1 ? 0 : 3334 ))
        rm -f "$work"/connect?
        before=$(cpu "${servers[@]}")
        clients=()
        for index in 1 2 3; do
            "$work/floor" connect "$port" "127.$((3 * ramp_index + index)).0.1" 16667 512 "$ramp" >"$work/connect$index" &
            clients+=($!)
        done
        for _ in $(seq 1200); do
            [ "$(cat "$work"/connect? | wc -l)" -ge 3 ] && break
            sleep 0.05
        done
        after=$(cpu "${servers[@]}")
        summarize "$before" "$after" "$((ramp * 3))" "$work"/connect?
        kill "${clients[@]}" 2>/dev/null || true
        wait "${clients[@]}" 2>/dev/null || true
        clients=()
        sleep 2
    done
done
