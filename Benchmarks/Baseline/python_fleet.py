"""The baseline: a fleet of OCPP 1.6J stations written the way most people would write one in Python.

One process, one asyncio loop, one `websockets` connection and one `ocpp.v16.ChargePoint` per station
(the package's own call/answer matching and JSON-schema validation, as its README shows). Each station
connects (at most 1,000 handshakes at once, as ocpp-fleet; a failed one is tried again a second later),
sends a BootNotification, then a Heartbeat every --interval seconds on a fixed schedule (the
next one is due `interval` after the previous one was due, whether or not it was late).

Latency is measured as ocpp-fleet measures it: per CALL, from when it was due to its answer (a fleet
that falls behind sees its own delay), and the service time beside it, from when it was sent. The
connect + boot time runs from the first BootNotification sent to the last one answered.

Usage: python_fleet.py URL --stations N [--interval S] [--ramp N/s] [--id-prefix PY] [--sync-validation]

Prints one JSON line a second on stdout ({"t", "connected", "booted", "answered", "timeouts",
"errors", "failed", "buckets"}, t in seconds since the start, buckets the Heartbeats answered so far within
each of ocpp-fleet's latency bucket bounds, cumulative as Prometheus' are) and, at SIGINT or SIGTERM, one
line with "final": true and the whole run's latencies, then exits 0 at once (its links drop without a
close handshake).
"""
import argparse
import asyncio
import bisect
import itertools
import json
import os
import signal
import sys
import time

import ocpp.messages
import websockets
from ocpp.v16 import ChargePoint, call


# The upper bounds (ms) of ocpp-fleet's latency histogram buckets (docs/metrics.md), the last one infinite.
BUCKETS_MS = (0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, float("inf"))


class Figures:
    def __init__(self):
        self.started = time.monotonic()
        self.connected = 0
        self.booted = 0
        self.answered = 0
        self.timeouts = 0
        self.errors = 0
        self.failed = 0
        self.first_boot = None
        self.last_boot = None
        self.latencies = []
        self.services = []
        self.buckets = [0] * len(BUCKETS_MS)

    def line(self, **extra):
        figures = {
            "t": round(time.monotonic() - self.started, 4),
            "connected": self.connected, "booted": self.booted, "answered": self.answered,
            "timeouts": self.timeouts, "errors": self.errors, "failed": self.failed,
        }
        figures.update(extra)
        return json.dumps(figures)


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def connect(url, station_id, opening, figures):
    """Opens the station's link, at most `opening`'s share at a time, trying again a second after a failure."""
    while True:
        try:
            async with opening:
                return await websockets.connect(
                    f"{url}/{station_id}", subprotocols=["ocpp1.6"], open_timeout=10, ping_interval=None)
        except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException):
            figures.failed += 1
            await asyncio.sleep(1)


async def station(url, station_id, interval, opening, figures):
    loop = asyncio.get_running_loop()
    ws = await connect(url, station_id, opening, figures)
    figures.connected += 1
    point = ChargePoint(station_id, ws, response_timeout=10)
    listener = asyncio.create_task(point.start())
    try:
        due = loop.time()
        if figures.first_boot is None:
            figures.first_boot = due
        while not await timed_call(point, call.BootNotification(
                charge_point_vendor="Legrand", charge_point_model="GreenUp"), due, figures):
            due += 30
            await asyncio.sleep(max(0, due - loop.time()))
        figures.booted += 1
        figures.last_boot = loop.time()
        due = loop.time() + interval
        while True:
            await asyncio.sleep(max(0, due - loop.time()))
            await timed_call(point, call.Heartbeat(), due, figures)
            due += interval
    except websockets.exceptions.ConnectionClosed:
        figures.failed += 1
    finally:
        listener.cancel()
        figures.connected -= 1


async def timed_call(point, payload, due, figures):
    """Sends one CALL and records its latency; returns whether it was answered with a CallResult."""
    loop = asyncio.get_running_loop()
    sent = loop.time()
    try:
        result = await point.call(payload)
    except asyncio.TimeoutError:
        figures.timeouts += 1
        return False
    answered = loop.time()
    figures.answered += 1
    if result is None:
        figures.errors += 1
        return False
    if isinstance(payload, call.Heartbeat):
        figures.latencies.append(answered - due)
        figures.services.append(answered - sent)
        figures.buckets[bisect.bisect_left(BUCKETS_MS, (answered - due) * 1000)] += 1
    return True


async def main(args):
    figures = Figures()
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)

    async def report():
        while True:
            print(figures.line(buckets=list(itertools.accumulate(figures.buckets))), flush=True)
            await asyncio.sleep(1)

    async def launch():
        start = loop.time()
        for index in range(args.stations):
            when = start + index / args.ramp
            if when > loop.time():
                await asyncio.sleep(when - loop.time())
            stations.append(asyncio.create_task(
                station(args.url, f"{args.id_prefix}{index + 1:05d}", args.interval, opening, figures)))

    stations = []
    # As many handshakes under way at once as ocpp-fleet allows itself (FleetRunConfiguration).
    opening = asyncio.Semaphore(1000)
    reporter = asyncio.create_task(report())
    launcher = asyncio.create_task(launch())
    await stop.wait()
    launcher.cancel()
    reporter.cancel()
    boot_s = None
    if figures.booted == args.stations:
        boot_s = figures.last_boot - figures.first_boot
    print(figures.line(
        final=True,
        heartbeat_p99_ms=None if not figures.latencies else percentile(figures.latencies, 0.99) * 1000,
        heartbeat_p50_ms=None if not figures.latencies else percentile(figures.latencies, 0.50) * 1000,
        service_p99_ms=None if not figures.services else percentile(figures.services, 0.99) * 1000,
        heartbeats=len(figures.latencies),
        connect_and_boot_s=boot_s), flush=True)
    # Closing thousands of links one close handshake at a time is not what is measured: leave at once.
    os._exit(0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the CSMS's URL; station k connects to URL/<id>")
    parser.add_argument("--stations", type=int, required=True)
    parser.add_argument("--interval", type=float, default=60.0, help="seconds between a station's Heartbeats")
    parser.add_argument("--ramp", type=float, default=500.0, help="new stations per second")
    parser.add_argument("--id-prefix", default="PY")
    parser.add_argument("--sync-validation", action="store_true",
                        help="validate payloads on the loop's thread (the package's default is a thread pool)")
    arguments = parser.parse_args()
    if arguments.sync_validation:
        ocpp.messages.ASYNC_VALIDATION = False
    try:
        asyncio.run(main(arguments))
    except KeyboardInterrupt:
        sys.exit(130)
