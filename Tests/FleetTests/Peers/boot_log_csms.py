"""A CSMS that a storm test kills and starts again: the Python `ocpp` package's central-system side,
accepting every station, which writes each BootNotification's arrival to a log that outlives it.

Each BootNotification appends `<unix time in seconds> <station id>` to the log file and flushes it, so
that the lines survive a kill. It prints `PORT <n>` when it listens (on --port, or one the system
chooses), and stops when its stdin closes or when it is killed.

Usage: boot_log_csms.py --log FILE [--port N] [--interval SECONDS]
"""
import argparse
import asyncio
import sys
import time
from datetime import datetime, timezone

import websockets
from ocpp.routing import on
from ocpp.v16 import ChargePoint, call_result
from ocpp.v16.enums import Action, AuthorizationStatus, RegistrationStatus

next_transaction = 0


def now():
    return datetime.now(timezone.utc).isoformat()


class LoggingStation(ChargePoint):
    @on(Action.boot_notification)
    def on_boot(self, **_):
        with open(ARGS.log, "a") as log:
            log.write(f"{time.time():.6f} {self.id}\n")
            log.flush()
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


async def serve(connection):
    station = LoggingStation(connection.request.path.rsplit("/", 1)[-1], connection)
    try:
        await station.start()
    except websockets.ConnectionClosed:
        pass


async def main():
    server = await websockets.serve(serve, "127.0.0.1", ARGS.port, subprotocols=["ocpp1.6"])
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    server.close()


parser = argparse.ArgumentParser()
parser.add_argument("--log", required=True)
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--interval", type=int, default=60)
ARGS = parser.parse_args()
asyncio.run(main())
