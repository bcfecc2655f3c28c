"""An independent CSMS for the runner's tests: the Python `ocpp` package's central-system side, which
validates every payload against the official OCPP 1.6 JSON schemas.

It accepts any station, answers every station message, and counts what it receives. It prints
`PORT <n>` when it listens, and, when its stdin closes, one JSON line:
{"received": {action: n}, "violations": n, "connections": n, "basic_auth": [values seen]}.

Usage: counting_csms.py [--interval SECONDS]
"""
import argparse
import asyncio
import base64
import json
import sys
from datetime import datetime, timezone

import websockets
from ocpp.routing import on
from ocpp.v16 import ChargePoint, call_result
from ocpp.v16.enums import Action, AuthorizationStatus, RegistrationStatus

received = {}
violations = 0
connections = 0
authorizations = []
next_transaction = 0


def now():
    return datetime.now(timezone.utc).isoformat()


class CountingStation(ChargePoint):
    async def route_message(self, raw):
        message = json.loads(raw)
        if message[0] == 2:
            received[message[2]] = received.get(message[2], 0) + 1
        await super().route_message(raw)

    async def _send(self, message):
        # The package answers a payload its schemas refuse with a CALLERROR: each one is a violation.
        global violations
        if message.startswith("[4"):
            violations += 1
            print(f"violation, answered {message}", file=sys.stderr)
        await super()._send(message)

    @on(Action.boot_notification)
    def on_boot(self, **_):
        return call_result.BootNotification(current_time=now(), interval=ARGS.interval, status=RegistrationStatus.accepted)

    @on(Action.heartbeat)
    def on_heartbeat(self, **_):
        return call_result.Heartbeat(current_time=now())

    @on(Action.status_notification)
    def on_status(self, **_):
        return call_result.StatusNotification()

    @on(Action.authorize)
    def on_authorize(self, **_):
        return call_result.Authorize(id_tag_info={"status": AuthorizationStatus.accepted})

    @on(Action.start_transaction)
    def on_start(self, **_):
        global next_transaction
        next_transaction += 1
        return call_result.StartTransaction(
            transaction_id=next_transaction, id_tag_info={"status": AuthorizationStatus.accepted})

    @on(Action.stop_transaction)
    def on_stop(self, **_):
        return call_result.StopTransaction(id_tag_info={"status": AuthorizationStatus.accepted})

    @on(Action.meter_values)
    def on_meter_values(self, **_):
        return call_result.MeterValues()

    @on(Action.firmware_status_notification)
    def on_firmware(self, **_):
        return call_result.FirmwareStatusNotification()

    @on(Action.diagnostics_status_notification)
    def on_diagnostics(self, **_):
        return call_result.DiagnosticsStatusNotification()


async def serve(connection):
    global connections
    connections += 1
    header = connection.request.headers.get("Authorization")
    if header and header not in authorizations:
        authorizations.append(header)
    station = CountingStation(connection.request.path.rsplit("/", 1)[-1], connection)
    try:
        await station.start()
    except websockets.ConnectionClosed:
        pass


async def main():
    server = await websockets.serve(serve, "127.0.0.1", 0, subprotocols=["ocpp1.6"])
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    server.close()
    decoded = [base64.b64decode(value.split(" ", 1)[1]).decode() for value in authorizations]
    print(json.dumps({"received": received, "violations": violations, "connections": connections,
                      "basic_auth": decoded}), flush=True)


parser = argparse.ArgumentParser()
parser.add_argument("--interval", type=int, default=60)
ARGS = parser.parse_args()
asyncio.run(main())
