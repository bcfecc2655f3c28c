"""A station built on the Python `ocpp` package, talking to our CSMS over loopback.

Usage: charge_point.py URL STATION_ID [--password P] [--no-reset]

Boots, heartbeats, authorizes, starts a transaction, sends meter values and a status, stops the
transaction, sends a DataTransfer, then (unless --no-reset) waits at most 60 s for one Reset from the CSMS
and accepts it. Its waits are generous: a loaded machine may stall either side for seconds.
Every answer passes the package's strict schema validation (calls raise on a CallError: suppress=False);
the date-times are also checked as ISO 8601, which the package does not do. Prints the answers as one JSON
object and exits 0, or exits 1 with the reason on stderr.
"""
import argparse
import asyncio
import base64
import json
import sys
from datetime import datetime, timezone

import websockets
from ocpp.routing import on
from ocpp.v16 import ChargePoint, call, call_result
from ocpp.v16.enums import Action, ResetStatus


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class Station(ChargePoint):
    reset = None

    @on(Action.reset)
    def on_reset(self, type):
        self.reset.set_result(type)
        return call_result.Reset(status=ResetStatus.accepted)


async def main(url, station_id, password, reset):
    headers = None
    if password is not None:
        token = base64.b64encode(f"{station_id}:{password}".encode()).decode()
        headers = {"Authorization": f"Basic {token}"}
    async with websockets.connect(
        f"{url}/{station_id}", subprotocols=["ocpp1.6"], additional_headers=headers, open_timeout=60
    ) as ws:
        station = Station(station_id, ws, response_timeout=60)
        station.reset = asyncio.get_running_loop().create_future()
        listener = asyncio.create_task(station.start())
        now = datetime.now(timezone.utc).isoformat()
        answers = {}
        boot = await station.call(
            call.BootNotification(charge_point_vendor="Legrand", charge_point_model="GreenUp"), suppress=False)
        answers["boot"] = {"status": boot.status, "interval": boot.interval, "time": instant(boot.current_time).isoformat()}
        beat = await station.call(call.Heartbeat(), suppress=False)
        answers["heartbeat"] = instant(beat.current_time).isoformat()
        authorized = await station.call(call.Authorize(id_tag="VALID"), suppress=False)
        answers["authorize"] = authorized.id_tag_info
        unknown = await station.call(call.Authorize(id_tag="NOBODY"), suppress=False)
        answers["authorize_unknown"] = unknown.id_tag_info
        started = await station.call(
            call.StartTransaction(connector_id=1, id_tag="VALID", meter_start=0, timestamp=now), suppress=False)
        answers["start"] = {"transaction_id": started.transaction_id, "id_tag_info": started.id_tag_info}
        await station.call(call.StatusNotification(connector_id=1, error_code="NoError", status="Charging"),
                           suppress=False)
        await station.call(call.MeterValues(connector_id=1, transaction_id=started.transaction_id, meter_value=[
            {"timestamp": now, "sampledValue": [{"value": "1500", "measurand": "Energy.Active.Import.Register",
                                                 "unit": "Wh"}]}]), suppress=False)
        stopped = await station.call(
            call.StopTransaction(meter_stop=1500, timestamp=now, transaction_id=started.transaction_id,
                                 id_tag="VALID"), suppress=False)
        answers["stop"] = stopped.id_tag_info
        transfer = await station.call(call.DataTransfer(vendor_id="Legrand"), suppress=False)
        answers["data_transfer"] = transfer.status
        if reset:
            answers["reset"] = await asyncio.wait_for(station.reset, 60)
            # Let the Reset answer leave before closing.
            await asyncio.sleep(0.1)
        listener.cancel()
        print(json.dumps(answers), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("station_id")
    parser.add_argument("--password")
    parser.add_argument("--no-reset", action="store_true")
    options = parser.parse_args()
    try:
        asyncio.run(main(options.url, options.station_id, options.password, not options.no_reset))
    except Exception as error:  # noqa: BLE001 - any failure is the test's failure, reported whole
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
