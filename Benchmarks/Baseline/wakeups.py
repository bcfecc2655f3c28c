"""How often the fleet wakes up, and what a round trip costs it, at paced rates: the before/after measure of
the event loop's batching (Benchmarks/RESULTS.md, "Wake-ups").

    python3 Benchmarks/Baseline/wakeups.py --binary .build/release/ocpp-fleet [--rates 1000,10000] [--runs 3]
        [--interval SECONDS]

Each run starts `ocpp-fleet run` (the `idle` profile, heartbeats paced as compare.sh paces them) against an
`ocpp-fleet csms`: by default one Heartbeat a second per station, so as many stations as msgs/s (10,000
stations for 10,000 msgs/s); `--interval 0.1` gives each station ten Heartbeats a second instead, so that
the same rate comes from a tenth of the stations (1,000 stations for 10,000 msgs/s: fewer, busier sockets).
Stations = rate × interval, at most 10,000. The run's --speed scales the CSMS's 60 s HeartbeatInterval down
to the interval, and every other station timer with it (a CALL's 10 s timeout is 100 ms of wall time at
--interval 0.1: the row counts the run's timeouts). It waits for every station to boot and for a warm-up,
then measures two windows one after the other: the fleet's CPU per answered round trip (/proc/PID/stat)
and its threads' sleeps per second (their voluntary context switches, /proc/PID/task/*/status; "loops'":
those of its busiest threads, one per core, which are its event loops), nothing attached; then its system
calls per second with `strace -c -f` attached (which slows the fleet down, so its CPU is not taken from
that window). Prints one row per run and the medians per rate. Needs `strace`.
"""
import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import CLOCK_TICKS, Bench, Children, Failure, window_p99  # noqa: E402


def syscall_counts(pid, seconds, path):
    """Calls per second of each system call of every thread of `pid`, from `strace -c -f` over `seconds`."""
    tracer = subprocess.Popen(["strace", "-c", "-f", "-p", str(pid), "-o", path],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        time.sleep(seconds)
    finally:
        tracer.send_signal(signal.SIGINT)
        tracer.wait(30)
    counts = {}
    with open(path) as file:
        for line in file:
            match = re.match(r"\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)$", line)
            if match and match.group(2) != "total":
                counts[match.group(2)] = int(match.group(1)) / seconds
    return counts


def threads(pid):
    """Each thread of `pid`: its CPU seconds and its voluntary context switches so far (how often it went to
    sleep, and so was woken up), read without attaching anything."""
    figures = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/task/{task}/status") as status:
                switches = next(int(line.split()[1]) for line in status if line.startswith("voluntary_ctxt_switches:"))
        except (FileNotFoundError, StopIteration):
            continue
        figures[task] = ((int(fields[11]) + int(fields[12])) / CLOCK_TICKS, switches)
    return figures


def sleeps(before, after, loops):
    """Sleeps of all threads, and of the `loops` busiest ones (the event loops), between two `threads()`."""
    deltas = [(after[task][0] - before[task][0], after[task][1] - before[task][1]) for task in after if task in before]
    busiest = sorted(deltas, reverse=True)[:loops]
    return sum(delta[1] for delta in deltas), sum(delta[1] for delta in busiest)


def measure(bench, rate, window, strace_window, work):
    stations = max(1, min(int(rate * bench.options.interval), bench.options.max_stations))
    run = bench.start("ours", stations, stations / rate, rate)
    try:
        if not bench.wait_booted(run, 30 + stations / rate * 3):
            raise run.failure(f"{stations} stations not booted in time")
        time.sleep(bench.options.warmup)
        before, cpu_before, wall_before = bench.sample(run)
        threads_before = threads(run.process.pid)
        time.sleep(window)
        after, cpu_after, wall_after = bench.sample(run)
        all_sleeps, loop_sleeps = sleeps(threads_before, threads(run.process.pid), os.cpu_count())
        calls = syscall_counts(run.process.pid, strace_window, os.path.join(work, f"strace-{rate:g}-{time.time():.0f}"))
    finally:
        final = run.finish(bench.children)
    answered = (after["answered"] - before["answered"]) / (after["t"] - before["t"])
    cpu = (cpu_after - cpu_before) / (wall_after - wall_before)
    return {
        "rate": rate, "stations": stations, "answered_per_s": answered, "cpu_us": cpu / answered * 1e6,
        "p99_ms": window_p99(before, after),
        "sleeps": all_sleeps / (wall_after - wall_before), "loop_sleeps": loop_sleeps / (wall_after - wall_before),
        "epoll_wait": calls.get("epoll_wait", 0) + calls.get("epoll_pwait", 0), "futex": calls.get("futex", 0),
        "syscalls": sum(calls.values()), "timeouts": final["timeouts"],
    }


def main(arguments):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--rates", default="1000,10000", help="paced msgs/s, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--window", type=float, default=8, help="seconds of the CPU window")
    parser.add_argument("--interval", type=float, default=1,
                        help="seconds between two Heartbeats of a station (stations = rate × interval)")
    parser.add_argument("--strace-window", type=float, default=5, help="seconds of the strace window")
    options = parser.parse_args(arguments)
    if shutil.which("strace") is None:
        print("wakeups: needs strace (apt-get install strace)", file=sys.stderr)
        return 1
    options.max_stations, options.warmup = 10000, 5
    children = Children()
    work = tempfile.mkdtemp(prefix="ocpp-fleet-wakeups-")
    try:
        bench = Bench(options, children, work)
        bench.start_csms()
        rows = []
        print(f"Heartbeats every {options.interval:g} s per station")
        print("| rate | stations | answered/s | CPU µs/round trip | sleeps/s | loops' sleeps/s | epoll_wait/s | futex/s "
              "| syscalls/s | p99 ms | timeouts |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for _ in range(options.runs):
            for rate in (float(text) for text in options.rates.split(",")):
                row = measure(bench, rate, options.window, options.strace_window, work)
                rows.append(row)
                print(f"| {rate:,.0f} | {row['stations']:,} | {row['answered_per_s']:,.0f} | {row['cpu_us']:.1f} | {row['sleeps']:,.0f} "
                      f"| {row['loop_sleeps']:,.0f} "
                      f"| {row['epoll_wait']:,.0f} "
                      f"| {row['futex']:,.0f} | {row['syscalls']:,.0f} | {row['p99_ms']} | {row['timeouts']} |", flush=True)
        print(f"\nmedians of {options.runs} (load average {os.getloadavg()[0]:.1f}):")
        for rate in sorted({row["rate"] for row in rows}):
            of = [row for row in rows if row["rate"] == rate]
            median = {key: statistics.median(row[key] for row in of)
                      for key in ("answered_per_s", "cpu_us", "sleeps", "loop_sleeps", "epoll_wait", "futex", "syscalls")}
            print(f"| {rate:,.0f} | {of[0]['stations']:,} | {median['answered_per_s']:,.0f} | {median['cpu_us']:.1f} | {median['sleeps']:,.0f} | "
                  f"{median['loop_sleeps']:,.0f} | "
                  f"{median['epoll_wait']:,.0f} | {median['futex']:,.0f} | {median['syscalls']:,.0f} | | |")
        shutil.rmtree(work, ignore_errors=True)
        return 0
    except Failure as failure:
        print(f"wakeups: {failure}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        children.stop_all()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
