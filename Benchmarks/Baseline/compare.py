"""Our fleet against the Python baseline, in one run, against one CSMS: see compare.sh, and the README's
"Against a Python baseline" for what each figure is.

Started by compare.sh (which builds the release binary and installs the baseline's packages); only the
standard library is used here. Every process it starts is in a process group of its own and is stopped
(SIGINT, then SIGKILL after a bounded wait) when the run ends, fails or is interrupted.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# The CSMS gives this HeartbeatInterval at boot; our fleet's --speed scales it to the interval we want.
CSMS_HEARTBEAT_S = 60
P99_LIMIT_MS = 100.0
# The latency buckets of ocpp-fleet's Prometheus histograms (docs/metrics.md), in ms; python_fleet.py counts
# its Heartbeats into the same ones, so that both windows' p99 come out of the same arithmetic.
BUCKETS_MS = (0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, float("inf"))


class Failure(Exception):
    """A step that failed: the message says which and where its log is."""


class Children:
    """Every process started, so that all are stopped however the run ends."""

    def __init__(self):
        self.processes = []

    def start(self, command, log_path, **options):
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                command, stdout=options.pop("stdout", log), stderr=log, stdin=subprocess.DEVNULL,
                start_new_session=True, **options)
        process.log_path = log_path
        self.processes.append(process)
        return process

    def stop(self, process, timeout):
        """SIGINT to the process's group, then SIGKILL after `timeout` s. Returns its exit code."""
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGINT)
            except ProcessLookupError:
                pass
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        if process in self.processes:
            self.processes.remove(process)
        return process.returncode

    def stop_all(self):
        for process in list(self.processes):
            try:
                self.stop(process, 5)
            except (OSError, subprocess.TimeoutExpired):
                pass


def cpu_seconds(pid):
    """User + system CPU of a process, from /proc/PID/stat (fields 14 and 15)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_bytes(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise Failure(f"no VmRSS for process {pid}")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def window_p99(before, after):
    """The p99 of the Heartbeats answered between two status snapshots, from their cumulative bucket counts
    (interpolated within its bucket, as Prometheus' histogram_quantile does); None when there were none."""
    counts = [b - a for a, b in zip(before["buckets"], after["buckets"])]
    total = counts[-1]
    if total <= 0:
        return None
    rank = 0.99 * total
    lower, below = 0.0, 0
    for bound, cumulative in zip(BUCKETS_MS, counts):
        if cumulative >= rank:
            if bound == float("inf"):
                return lower
            return lower + (bound - lower) * (rank - below) / max(1, cumulative - below)
        lower, below = bound, cumulative
    return lower


def metric_samples(url):
    """Every sample of a Prometheus endpoint as (name, labels, value), labels as their text between the
    braces; None when it does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            text = answer.read().decode()
    except (OSError, urllib.error.URLError):
        return None
    samples = []
    for line in text.splitlines():
        match = re.match(r'(\w+)(?:\{([^}]*)\})? (\S+)$', line)
        if match:
            samples.append((match.group(1), match.group(2) or "", float(match.group(3))))
    return samples


def bucket_index(labels):
    """Which of BUCKETS_MS a latency bucket's `le` label names; None for a bound that is not one of them."""
    bound = re.search(r'le="([^"]*)"', labels).group(1)
    bounds = {f"{bound / 1000:g}" if bound != float("inf") else "+Inf": index for index, bound in enumerate(BUCKETS_MS)}
    return bounds.get(bound)


def wait_for(condition, timeout, interval=0.2):
    """Polls `condition` until it returns a true value or `timeout` s pass; returns its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


class Run:
    """One fleet process: its status while it runs, its final figures when stopped."""

    def __init__(self, process, stations):
        self.process = process
        self.stations = stations

    def alive(self):
        return self.process.poll() is None

    def failure(self, what):
        return Failure(f"{self.name}: {what} (exit {self.process.poll()}); log: {self.process.log_path}")


class OursRun(Run):
    name = "ocpp-fleet"

    def __init__(self, process, stations, metrics_port, report_dir, trace):
        super().__init__(process, stations)
        self.trace = trace
        self.metrics_url = f"http://127.0.0.1:{metrics_port}/metrics"
        self.report_dir = report_dir

    def status(self):
        """The fleet's last once-a-second snapshot, from its Prometheus endpoint; None before it serves."""
        samples = metric_samples(self.metrics_url)
        if samples is None:
            return None
        figures = {"t": 0.0, "booted": 0, "answered": 0, "timeouts": 0, "errors": 0, "buckets": [0] * len(BUCKETS_MS)}
        for name, labels, value in samples:
            if name == "ocpp_fleet_elapsed_seconds":
                figures["t"] = value
            elif name == "ocpp_fleet_messages_ok_total":
                figures["answered"] += value
                if 'action="BootNotification"' in labels:
                    figures["booted"] = value
            elif name == "ocpp_fleet_call_errors_total":
                figures["answered"] += value
                figures["errors"] += value
            elif name == "ocpp_fleet_timeouts_total":
                figures["timeouts"] += value
            elif name == "ocpp_fleet_latency_seconds_bucket" and 'action="Heartbeat"' in labels:
                index = bucket_index(labels)
                if index is not None:
                    figures["buckets"][index] = value
        return figures

    def finish(self, children):
        children.stop(self.process, 60)
        path = os.path.join(self.report_dir, "report.json")
        if not os.path.exists(path):
            raise self.failure("no report.json after it stopped")
        with open(path) as file:
            report = json.load(file)
        beat = report["messages"]["by_action"].get("Heartbeat", {})
        timeouts = sum(action["timeouts"] for action in report["messages"]["by_action"].values())
        errors = sum(action["call_errors"] for action in report["messages"]["by_action"].values())
        return {
            "p99_ms": beat.get("latency_ms", {}).get("p99") if beat.get("ok") else None,
            "service_p99_ms": beat.get("service_ms", {}).get("p99") if beat.get("ok") else None,
            "timeouts": timeouts, "errors": errors,
            "connect_and_boot_s": self.boot_seconds(),
        }

    def boot_seconds(self):
        """From the first BootNotification sent to the last one answered, from the run's trace (the report's
        timeline counts booted stations once a second only); None without a trace."""
        if self.trace is None or not os.path.exists(self.trace):
            return None
        first, last, answers = None, None, 0
        with open(self.trace) as file:
            for line in file:
                if '"BootNotification"' in line and '"dir":"out"' in line:
                    wall = json.loads(line)["wall"]
                    first = wall if first is None else min(first, wall)
                elif '"interval"' in line and '"dir":"in"' in line:
                    wall = json.loads(line)["wall"]
                    answers += 1
                    last = wall if last is None else max(last, wall)
        if first is None or answers < self.stations:
            return None
        return (last - first) / 1000


class PythonRun(Run):
    name = "Python fleet"

    def __init__(self, process, stations):
        super().__init__(process, stations)
        self.latest = None
        self.final = None
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self):
        for line in self.process.stdout:
            try:
                figures = json.loads(line)
            except ValueError:
                continue
            if figures.get("final"):
                self.final = figures
            else:
                self.latest = figures

    def status(self):
        return self.latest

    def finish(self, children):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        self.reader.join(30)
        children.stop(self.process, 5)
        if self.final is None:
            raise self.failure("no final figures after it stopped")
        return {
            "p99_ms": self.final["heartbeat_p99_ms"], "service_p99_ms": self.final["service_p99_ms"],
            "timeouts": self.final["timeouts"], "errors": self.final["errors"],
            "connect_and_boot_s": self.final["connect_and_boot_s"],
        }


class Bench:
    def __init__(self, options, children, work):
        self.options = options
        self.children = children
        self.work = work
        self.csms_url = None
        self.count = 0

    def log(self, text):
        print(text, file=sys.stderr, flush=True)

    def start_csms(self):
        port = free_port()
        log = os.path.join(self.work, "csms.log")
        process = self.children.start(
            [self.options.binary, "csms", "--listen", f"127.0.0.1:{port}",
             "--heartbeat-interval", str(CSMS_HEARTBEAT_S)], log)

        def listening():
            if process.poll() is not None:
                raise Failure(f"ocpp-fleet csms exited with {process.returncode}; log: {log}")
            with open(log, errors="replace") as file:
                return "listening on" in file.read()
        if not wait_for(listening, 30):
            raise Failure(f"ocpp-fleet csms did not listen within 30 s; log: {log}")
        self.csms = process
        self.csms_url = f"ws://127.0.0.1:{port}/ocpp"

    def start(self, kind, stations, interval, ramp, trace=False):
        """Starts a fleet; `trace` asks ours for the frames' times (for its connect + boot time)."""
        self.count += 1
        tag = f"{self.count:02d}-{kind}-{stations}"
        log = os.path.join(self.work, f"{tag}.log")
        if kind == "ours":
            metrics_port = free_port()
            report_dir = os.path.join(self.work, f"{tag}-report")
            trace_path = os.path.join(self.work, f"{tag}.trace") if trace else None
            process = self.children.start(
                [self.options.binary, "run", "--csms", self.csms_url, "--profile", "idle",
                 "--stations", str(stations), "--speed", f"{CSMS_HEARTBEAT_S / interval:g}",
                 "--ramp", f"{ramp:g}/s", "--duration", "20m", "--quiet",
                 "--metrics-port", str(metrics_port), "--report", report_dir]
                + (["--trace", trace_path] if trace else []), log)
            return OursRun(process, stations, metrics_port, report_dir, trace_path)
        process = self.children.start(
            [self.options.python, os.path.join(HERE, "python_fleet.py"), self.csms_url,
             "--stations", str(stations), "--interval", f"{interval:g}", "--ramp", f"{ramp:g}"]
            + (["--sync-validation"] if self.options.python_sync_validation else []),
            log, stdout=subprocess.PIPE, text=True)
        return PythonRun(process, stations)

    def wait_booted(self, run, timeout):
        """Waits until every station of `run` is booted; False when `timeout` s pass first."""
        def booted():
            if not run.alive():
                raise run.failure("exited while its stations were booting")
            if self.csms.poll() is not None:
                raise Failure(f"ocpp-fleet csms exited with {self.csms.returncode}; log: {self.csms.log_path}")
            status = run.status()
            return status is not None and status["booted"] >= run.stations
        return wait_for(booted, timeout)

    def sample(self, run):
        """The fleet's figures and CPU now; waits for a fresh snapshot (ours collects once a second)."""
        first = run.status()

        def fresh():
            status = run.status()
            return status if status and status["t"] != first["t"] else None
        status = wait_for(fresh, 3, 0.05) or run.status()
        return status, cpu_seconds(run.process.pid), time.monotonic()

    # MARK: memory and connect + boot rate

    def memory(self, kind):
        """RSS of two idle fleets and the connect + boot rate of the larger."""
        figures = {}
        for stations in (self.options.small, self.options.large):
            # Both sizes traced alike, so that the trace's buffers cancel out of the slope.
            run = self.start(kind, stations, CSMS_HEARTBEAT_S, self.options.boot_ramp, trace=True)
            try:
                if not self.wait_booted(run, 60 + stations / 100):
                    raise run.failure(f"{stations} stations not all booted within {60 + stations / 100:.0f} s "
                                      f"({(run.status() or {}).get('booted', 0):.0f} booted)")
                time.sleep(self.options.settle)
                rss = rss_bytes(run.process.pid)
            finally:
                final = run.finish(self.children)
            figures[stations] = {"rss": rss, "boot_s": final["connect_and_boot_s"]}
            self.log(f"  {kind:6} {stations:6} idle stations: RSS {rss / 2**20:.1f} MiB, "
                     f"all booted after {final['connect_and_boot_s'] or float('nan'):.2f} s")
        small, large = self.options.small, self.options.large
        boot_s = figures[large]["boot_s"]
        return {
            "rss_per_station": (figures[large]["rss"] - figures[small]["rss"]) / (large - small),
            "boot_rate": large / boot_s if boot_s else None,
        }

    # MARK: paced rates

    def trial(self, kind, rate):
        """One paced run: heartbeats at `rate` msgs/s over the whole fleet, the stations connecting at the
        same rate so that their heartbeats are spread evenly over one interval."""
        stations = max(1, min(int(rate), self.options.max_stations))
        interval = stations / rate
        run = self.start(kind, stations, interval, rate)
        result = {"rate": rate, "stations": stations}
        try:
            if not self.wait_booted(run, 30 + stations / rate * 3):
                status = run.status() or {}
                result.update(passed=False, why=f"booted {status.get('booted', 0):.0f}/{stations} in time")
                run.finish(self.children)
                return result
            time.sleep(self.options.warmup)
            before, cpu_before, wall_before = self.sample(run)
            csms_before = cpu_seconds(self.csms.pid)
            time.sleep(self.options.window)
            after, cpu_after, wall_after = self.sample(run)
            csms_after = cpu_seconds(self.csms.pid)
        except BaseException:
            run.finish(self.children)
            raise
        final = run.finish(self.children)
        answered_per_s = (after["answered"] - before["answered"]) / max(1e-9, after["t"] - before["t"])
        cpu_per_s = (cpu_after - cpu_before) / (wall_after - wall_before)
        p99 = window_p99(before, after)
        timeouts = after["timeouts"] - before["timeouts"]
        errors = after["errors"] - before["errors"]
        result.update(
            answered_per_s=answered_per_s,
            cpu_us=cpu_per_s / answered_per_s * 1e6 if answered_per_s > 0 else None,
            cpu_share=cpu_per_s, csms_cpu_share=(csms_after - csms_before) / (wall_after - wall_before), p99_ms=p99, timeouts=timeouts, errors=errors,
            run_p99_ms=final["p99_ms"], service_p99_ms=final["service_p99_ms"])
        why = []
        if p99 is None or p99 >= P99_LIMIT_MS:
            why.append("no Heartbeat answered" if p99 is None else f"p99 {p99:.1f} ms")
        if timeouts or errors:
            why.append(f"{timeouts:.0f} timeouts, {errors:.0f} errors")
        if answered_per_s < 0.95 * rate:
            why.append(f"answered {answered_per_s:,.0f}/s")
        result.update(passed=not why, why=", ".join(why) or "ok")
        self.log(f"  {kind:6} {rate:8,.0f} msgs/s paced ({stations} stations): answered {answered_per_s:8,.0f}/s, "
                 f"p99 {p99 or float('nan'):7.1f} ms, CPU {result['cpu_us'] or float('nan'):6.1f} µs "
                 f"per round trip ({cpu_per_s * 100:.0f} % of a core; the CSMS {result['csms_cpu_share'] * 100:.0f} %, "
                 f"load average {os.getloadavg()[0]:.0f}): {result['why']}")
        return result

    def search(self, kind):
        """The highest paced rate with p99 < 100 ms: doubling from --start-rate, then bisecting."""
        trials = []
        rate = self.options.start_rate
        passed, failed = None, None
        while len(trials) < self.options.max_trials:
            trial = self.trial(kind, rate)
            trials.append(trial)
            if trial["passed"]:
                passed = trial
                if failed is None:
                    if rate >= self.options.max_rate:
                        break
                    rate = min(rate * 2, self.options.max_rate)
                    continue
            else:
                failed = trial
                if passed is None:
                    if rate / 2 < self.options.min_rate:
                        break
                    rate = rate / 2
                    continue
            if failed["rate"] / passed["rate"] <= self.options.resolution:
                break
            # Halfway on a log scale, to two significant digits.
            rate = float(f"{(passed['rate'] * failed['rate']) ** 0.5:.2g}")
            if rate in (passed["rate"], failed["rate"]):
                break
        return trials, passed


def ratio(ours, theirs, higher_is_better):
    if not ours or not theirs:
        return "–"
    value = ours / theirs if higher_is_better else theirs / ours
    return f"{value:,.1f}× {'better' if value >= 1 else 'worse'}"


def number(value, digits=0):
    return "–" if value is None else f"{value:,.{digits}f}"


def table(results, options):
    ours, python = results["ours"], results["python"]
    reference = options.start_rate
    at = {kind: next((t for t in results[kind]["trials"] if t["rate"] == reference), None) for kind in results}
    sustained = {kind: results[kind]["best"]["answered_per_s"] if results[kind]["best"] else None
                 for kind in results}
    rows = [
        (f"sustained msgs/s at p99 < {P99_LIMIT_MS:.0f} ms", number(sustained["ours"]),
         number(sustained["python"]), ratio(sustained["ours"], sustained["python"], True)),
        (f"fleet CPU µs per round trip at {reference:,.0f} msgs/s", number((at["ours"] or {}).get("cpu_us"), 1),
         number((at["python"] or {}).get("cpu_us"), 1),
         ratio((at["ours"] or {}).get("cpu_us"), (at["python"] or {}).get("cpu_us"), False)),
        (f"latency p99 ms at {reference:,.0f} msgs/s", number((at["ours"] or {}).get("p99_ms"), 1),
         number((at["python"] or {}).get("p99_ms"), 1),
         ratio((at["ours"] or {}).get("p99_ms"), (at["python"] or {}).get("p99_ms"), False)),
        (f"RSS KiB per connected station ({options.small:,} → {options.large:,})",
         number(ours["memory"]["rss_per_station"] / 1024, 1), number(python["memory"]["rss_per_station"] / 1024, 1),
         ratio(ours["memory"]["rss_per_station"], python["memory"]["rss_per_station"], False)),
        (f"connect + boot, stations/s ({options.large:,} stations)", number(ours["memory"]["boot_rate"]),
         number(python["memory"]["boot_rate"]), ratio(ours["memory"]["boot_rate"], python["memory"]["boot_rate"], True)),
    ]
    widths = [max(len(row[column]) for row in rows + [("figure", "ocpp-fleet", "Python", "ratio")])
              for column in range(4)]
    lines = [f"| {'figure':<{widths[0]}} | {'ocpp-fleet':>{widths[1]}} | {'Python':>{widths[2]}} | {'ratio':<{widths[3]}} |",
             f"|{'-' * (widths[0] + 2)}|{'-' * (widths[1] + 1)}:|{'-' * (widths[2] + 1)}:|{'-' * (widths[3] + 2)}|"]
    for row in rows:
        lines.append(f"| {row[0]:<{widths[0]}} | {row[1]:>{widths[1]}} | {row[2]:>{widths[2]}} | {row[3]:<{widths[3]}} |")
    return "\n".join(lines)


def parse(arguments):
    parser = argparse.ArgumentParser(prog="compare.sh", description="ocpp-fleet against a Python fleet, one CSMS.")
    parser.add_argument("--binary", required=True, help="the ocpp-fleet binary (compare.sh passes the release build)")
    parser.add_argument("--python", required=True, help="the Python with ocpp and websockets (compare.sh: .venv)")
    parser.add_argument("--quick", action="store_true", help="a smoke run of under a minute: tiny fleets, one rate")
    parser.add_argument("--start-rate", type=float, default=1000, help="first paced rate, msgs/s; CPU is compared there")
    parser.add_argument("--max-rate", type=float, default=128000)
    parser.add_argument("--min-rate", type=float, default=25, help="lowest paced rate tried, msgs/s")
    parser.add_argument("--resolution", type=float, default=1.2, help="stop bisecting when the bounds are this close")
    parser.add_argument("--max-trials", type=int, default=10, help="paced runs per fleet at most")
    parser.add_argument("--max-stations", type=int, default=10000, help="stations of a paced run at most")
    parser.add_argument("--warmup", type=float, default=5, help="seconds after the last boot before measuring")
    parser.add_argument("--window", type=float, default=8, help="seconds of the measured window")
    parser.add_argument("--small", type=int, default=1000, help="the smaller idle fleet for RSS per station")
    parser.add_argument("--large", type=int, default=5000, help="the larger one; its connect + boot rate is shown")
    parser.add_argument("--boot-ramp", type=float, default=20000, help="connections per second asked of both")
    parser.add_argument("--settle", type=float, default=2, help="seconds idle before reading RSS")
    parser.add_argument("--python-sync-validation", action="store_true",
                        help="the Python fleet validates payloads on its loop's thread rather than in the ocpp "
                             "package's default thread pool (ocpp.messages.ASYNC_VALIDATION = False)")
    parser.add_argument("--json", help="also write every figure to this file")
    options = parser.parse_args(arguments)
    if options.quick:
        options.small, options.large = 100, 1000
        options.start_rate = min(options.start_rate, 500)
        options.max_trials, options.warmup, options.window, options.settle = 1, 1, 3, 1
    if options.large <= options.small:
        parser.error("--large must be larger than --small")
    return options


def main(arguments):
    options = parse(arguments)
    children = Children()
    work = tempfile.mkdtemp(prefix="ocpp-fleet-baseline-")

    def interrupted(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, interrupted)
    # The fleets are stopped with SIGINT: a caller that blocks signals (a test runner's thread) must not
    # hand that mask down to them.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    started = time.monotonic()
    try:
        bench = Bench(options, children, work)
        bench.start_csms()
        bench.log(f"CSMS: ocpp-fleet csms at {bench.csms_url} (logs in {work})")
        results = {}
        for kind in ("ours", "python"):
            bench.log(f"{'ocpp-fleet' if kind == 'ours' else 'Python fleet'}:")
            memory = bench.memory(kind)
            trials, best = bench.search(kind)
            results[kind] = {"memory": memory, "trials": trials, "best": best}
        print(table(results, options))
        print(f"\n{len(os.sched_getaffinity(0))} cores, load average {os.getloadavg()[0]:.1f} at the end, "
              f"{time.monotonic() - started:.0f} s; both fleets against one `ocpp-fleet csms` on loopback. "
              f"Latency from when each Heartbeat was due; CPU from /proc/PID/stat over {options.window:g} s "
              f"of steady load; RSS per station between {options.small:,} and {options.large:,} idle stations.")
        if options.json:
            with open(options.json, "w") as file:
                json.dump({"options": vars(options), "results": results}, file, indent=2)
        shutil.rmtree(work, ignore_errors=True)
        return 0
    except Failure as failure:
        print(f"compare: {failure}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"compare: interrupted (logs in {work})", file=sys.stderr)
        return 130
    finally:
        children.stop_all()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
