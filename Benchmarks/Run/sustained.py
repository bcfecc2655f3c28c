"""Issue #11's throughput target, measured as it is worded: answered msgs/s sustained over a window of
WINDOW seconds after WARMUP, with the window's latency p99, fleet (`ocpp-fleet run`) and CSMS (`ocpp-fleet
csms`, another process) sharing this machine's cores.

    python3 Benchmarks/Run/sustained.py [--binary .build/release/ocpp-fleet] [--stations 15000]
        [--speeds 150,170] [--warmup 15] [--window 60] [--ramp 5000] [--profile default]

For each speed: a fresh CSMS, then `ocpp-fleet run --profile PROFILE --stations N --speed S` with its
Prometheus endpoint; at WARMUP s into the run and WINDOW s later, the fleet's snapshot (every action's calls
answered, its latency buckets, timeouts) and both processes' CPU (/proc/PID/stat). The window's figures are
the differences: answered/s, the share answered within 100 ms (p99 < 100 ms holds when it is ≥ 99 %), the
p99 interpolated within its bucket (as Prometheus' histogram_quantile does), timeouts, and the CPU per
answered round trip of the fleet, of the CSMS and of both. One row per speed.
"""
import argparse
import math
import os
import shutil
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Baseline"))
from compare import (  # noqa: E402
    BUCKETS_MS, Children, Failure, bucket_index, cpu_seconds, free_port, metric_samples, wait_for, window_p99)

HUNDRED_MS = BUCKETS_MS.index(100)


def snapshot(url):
    """The fleet's last once-a-second figures over every action; None before its endpoint serves."""
    samples = metric_samples(url)
    if samples is None:
        return None
    figures = {"t": 0.0, "answered": 0.0, "timeouts": 0.0, "buckets": [0.0] * len(BUCKETS_MS)}
    for name, labels, value in samples:
        if name == "ocpp_fleet_elapsed_seconds":
            figures["t"] = value
        elif name in ("ocpp_fleet_messages_ok_total", "ocpp_fleet_call_errors_total"):
            figures["answered"] += value
        elif name == "ocpp_fleet_timeouts_total":
            figures["timeouts"] += value
        elif name == "ocpp_fleet_latency_seconds_bucket":
            index = bucket_index(labels)
            if index is not None:
                figures["buckets"][index] += value
    return figures


def measure(arguments, speed, children, work):
    csms_port, metrics_port = free_port(), free_port()
    csms = children.start(
        [arguments.binary, "csms", "--listen", f"127.0.0.1:{csms_port}", "--heartbeat-interval", "60"],
        os.path.join(work, f"csms-{speed}.log"))
    seconds = math.ceil(arguments.warmup + arguments.window + 10)
    fleet = children.start(
        [arguments.binary, "run", "--csms", f"ws://127.0.0.1:{csms_port}/ocpp", "--profile", arguments.profile,
         "--stations", str(arguments.stations), "--speed", str(speed), "--duration", f"{seconds}s",
         "--ramp", f"{arguments.ramp}/s", "--metrics-port", str(metrics_port), "--quiet",
         "--report", os.path.join(work, f"report-{speed}")],
        os.path.join(work, f"run-{speed}.log"))
    url = f"http://127.0.0.1:{metrics_port}/metrics"

    def at(elapsed):
        """The first snapshot at or after `elapsed` s of the run, with both processes' CPU read with it."""
        last_t = None
        for _ in range(int((elapsed + 60) / 0.1)):
            if fleet.poll() is not None:
                raise Failure(f"the fleet ended early (exit {fleet.returncode}); log: {fleet.log_path}")
            figures = snapshot(url)
            if figures and figures["t"] >= elapsed and figures["t"] != last_t:
                figures["fleet_cpu"], figures["csms_cpu"] = cpu_seconds(fleet.pid), cpu_seconds(csms.pid)
                return figures
            last_t = figures["t"] if figures else None
            time.sleep(0.1)
        raise Failure(f"no snapshot at {elapsed} s; log: {fleet.log_path}")

    wait_for(lambda: fleet.poll() is not None or snapshot(url), 60)
    if fleet.poll() is not None:
        raise Failure(f"the fleet ended early (exit {fleet.returncode}); log: {fleet.log_path}")
    start = at(arguments.warmup)
    end = at(arguments.warmup + arguments.window)
    children.stop(fleet, 60)
    children.stop(csms, 10)
    span = end["t"] - start["t"]
    answered = end["answered"] - start["answered"]
    counts = [b - a for a, b in zip(start["buckets"], end["buckets"])]
    within = counts[HUNDRED_MS] / counts[-1] * 100 if counts[-1] else 0
    per = 1e6 / answered if answered else 0
    fleet_us = (end["fleet_cpu"] - start["fleet_cpu"]) * per
    csms_us = (end["csms_cpu"] - start["csms_cpu"]) * per
    p99 = window_p99({"buckets": start["buckets"]}, {"buckets": end["buckets"]})
    return (f"| {speed} | {span:.0f} | {answered / span:,.0f} | {within:.2f} % | {p99:.1f} | "
            f"{end['timeouts'] - start['timeouts']:.0f} | {fleet_us:.1f} | {csms_us:.1f} | {fleet_us + csms_us:.1f} | "
            f"{(fleet_us + csms_us) * answered / span / 1e6:.2f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/release/ocpp-fleet")
    parser.add_argument("--stations", type=int, default=15000)
    parser.add_argument("--speeds", default="150,170", help="comma-separated --speed values, one row each")
    parser.add_argument("--warmup", type=float, default=15, help="seconds before the window (connect, boot)")
    parser.add_argument("--window", type=float, default=60, help="seconds the rate must be sustained")
    parser.add_argument("--ramp", type=int, default=5000, help="stations connected per second")
    parser.add_argument("--profile", default="default")
    arguments = parser.parse_args()
    if not os.access(arguments.binary, os.X_OK):
        sys.exit(f"no executable at {arguments.binary}: build it with swift build -c release")
    children, work = Children(), tempfile.mkdtemp(prefix="sustained-")
    print(f"{arguments.stations} stations of {arguments.profile}, window {arguments.window:g} s after "
          f"{arguments.warmup:g} s, {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC, load average "
          f"{' '.join(open('/proc/loadavg').read().split()[:3])}")
    print("| speed | window s | answered msgs/s | within 100 ms | p99 ms | timeouts | fleet µs/RT | CSMS µs/RT "
          "| both µs/RT | cores busy |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    try:
        for speed in arguments.speeds.split(","):
            print(measure(arguments, speed.strip(), children, work), flush=True)
    except Failure as failure:
        sys.exit(f"sustained.py: {failure}")
    finally:
        children.stop_all()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
