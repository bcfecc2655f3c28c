"""What the Python CSMS peers of the runner's tests share: a station the `ocpp` package answers by
accepting everything, the handler that makes each link such a station, and a peer's life on 127.0.0.1
(it prints `PORT <n>` once it listens and stops when its stdin closes).

A peer imports it from beside itself: Python puts a script's own folder first on sys.path.
"""
import asyncio
import sys
from datetime import datetime, timezone

import websockets
from ocpp.routing import on
from ocpp.v16 import ChargePoint, call_result
from ocpp.v16.enums import Action, AuthorizationStatus, RegistrationStatus


def now():
    """This CSMS's clock, as OCPP writes a date-time."""
    return datetime.now(timezone.utc).isoformat()


class AcceptingStation(ChargePoint):
    """Answers every message a station sends and accepts every station, badge and transaction, whose ids
    count from 1 across all stations. A subclass changes an answer by overriding its handler under the
    same name (`on_boot`, `on_status`…): the package routes each action to one method, by name."""

    interval = 60
    next_transaction = 0

    @on(Action.boot_notification)
    def on_boot(self, **_):
        return call_result.BootNotification(
            current_time=now(), interval=self.interval, status=RegistrationStatus.accepted)

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
        AcceptingStation.next_transaction += 1
        return call_result.StartTransaction(
            transaction_id=AcceptingStation.next_transaction, id_tag_info={"status": AuthorizationStatus.accepted})

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


def link_handler(station_class, on_link=None):
    """What the server runs for each link: `on_link(connection)` if given, then a `station_class` named
    by the last segment of the link's path, until the link closes."""
    async def serve(connection):
        if on_link:
            on_link(connection)
        station = station_class(connection.request.path.rsplit("/", 1)[-1], connection)
        try:
            await station.start()
        except websockets.ConnectionClosed:
            pass
    return serve


async def serve_until_stdin_closes(handler, port=0, **options):
    """Listens on 127.0.0.1:`port` (0: one the system chooses) with `handler` for each link, prints
    `PORT <n>`, and returns, the server closed, once stdin closes. It sends no keepalive pings unless
    `options` ask for them: a Python process starved by a loaded machine reads its pongs late and would
    close links the tests count on (ledger_csms.py and wave_csms.py serve without them too)."""
    options.setdefault("ping_interval", None)
    server = await websockets.serve(handler, "127.0.0.1", port, subprotocols=["ocpp1.6"], **options)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    server.close()
