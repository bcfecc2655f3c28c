"""An independent CSMS (the Python `ocpp` package's central system) for the runner's clock tests: it
lives on the real clock and checks that the stations do too, or answers late on purpose.

It accepts every station (BootNotification interval --interval), answers every station message, and in
MODE does one more thing:
  timestamps  after each boot: TriggerMessage(MeterValues), RemoteStartTransaction, GetCompositeSchedule;
              every timestamp a station sends (`timestamp`, `scheduleStart`, `startSchedule`) is compared
              with this CSMS's clock when it arrives
  firmware    after the first boot: UpdateFirmware with retrieveDate = now; FirmwareStatusNotifications
              are kept with the seconds since the command
  cap         after the first boot: SetChargingProfile, a TxDefaultProfile of 16 A on connector 0 whose
              schedule started a minute ago, then GetCompositeSchedule of connector 1 for an hour
  reserve     after the first boot: ReserveNow on connector 2 expiring --expiry seconds later;
              StatusNotifications of connector 2 are kept with the seconds from the expiry
  far         after the first boot: ReserveNow on connector 2 and UpdateFirmware, both for the last
              second of the year 9999 (with BootNotification's interval at 2^31 - 1 s, whatever
              --interval says)
  slow        answers every CALL --delay seconds late
  late-once   answers the first Heartbeat --delay seconds late, the others at once
It prints `PORT <n>` when it listens, and, when its stdin closes, one JSON line with what it saw:
{"received": {action: n}, "violations": n, "timestamps": n, "max_skew_s": x, "firmware": [[status, s]],
 "statuses": [[status, s]], "answers": {action: answer}}.
"""
import argparse
import asyncio
import json
import sys
import time
from datetime import datetime, timedelta, timezone

from ocpp.routing import after, on
from ocpp.v16 import call, call_result
from ocpp.v16.enums import (
    Action, ChargingProfileKindType, ChargingProfilePurposeType, ChargingRateUnitType,
    MessageTrigger, RegistrationStatus)

from csms_peer import AcceptingStation, link_handler, serve_until_stdin_closes

received = {}
violations = 0
timestamps = 0
max_skew = 0.0
firmware = []
statuses = []
answers = {}
boots = 0
delayed_once = False
marks = {}
TIME_KEYS = ("timestamp", "scheduleStart", "startSchedule")
FAR = "9999-12-31T23:59:59Z"


def now():
    return datetime.now(timezone.utc)


def iso(moment):
    return moment.isoformat()


def check_times(value):
    """Compares every date-time a station sent with this CSMS's clock, now."""
    global timestamps, max_skew
    if isinstance(value, dict):
        for key, child in value.items():
            if key in TIME_KEYS and isinstance(child, str):
                skew = abs((datetime.fromisoformat(child.replace("Z", "+00:00")) - now()).total_seconds())
                timestamps += 1
                max_skew = max(max_skew, skew)
            else:
                check_times(child)
    elif isinstance(value, list):
        for child in value:
            check_times(child)


class ClockStation(AcceptingStation):
    async def route_message(self, raw):
        global delayed_once
        message = json.loads(raw)
        check_times(message[-1] if message[0] != 4 else None)
        if message[0] == 2:
            received[message[2]] = received.get(message[2], 0) + 1
            if ARGS.mode == "slow":
                await asyncio.sleep(ARGS.delay)
            elif ARGS.mode == "late-once" and message[2] == "Heartbeat" and not delayed_once:
                delayed_once = True
                asyncio.create_task(self.later(raw))
                return
        await super().route_message(raw)

    async def later(self, raw):
        await asyncio.sleep(ARGS.delay)
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
        interval = 2**31 - 1 if ARGS.mode == "far" else ARGS.interval
        return call_result.BootNotification(
            current_time=iso(now()), interval=interval, status=RegistrationStatus.accepted)

    @after(Action.boot_notification)
    def after_boot(self, **_):
        global boots
        boots += 1
        if ARGS.mode == "timestamps" or boots == 1:
            asyncio.create_task(self.commands())

    async def commands(self):
        mode = ARGS.mode
        if mode == "timestamps":
            await self.call(call.TriggerMessage(requested_message=MessageTrigger.meter_values, connector_id=1))
            await self.call(call.RemoteStartTransaction(id_tag="CLOCK", connector_id=1))
            await self.composite()
        elif mode == "firmware":
            marks["firmware"] = time.monotonic()
            await self.call(call.UpdateFirmware(location="https://firmware.invalid/greenup.bin",
                                                retrieve_date=iso(now())))
        elif mode == "cap":
            profile = {
                "charging_profile_id": 7, "stack_level": 0,
                "charging_profile_purpose": ChargingProfilePurposeType.tx_default_profile,
                "charging_profile_kind": ChargingProfileKindType.absolute,
                "charging_schedule": {
                    "start_schedule": iso(now() - timedelta(minutes=1)),
                    "charging_rate_unit": ChargingRateUnitType.amps,
                    "charging_schedule_period": [{"start_period": 0, "limit": 16}],
                },
            }
            result = await self.call(call.SetChargingProfile(connector_id=0, cs_charging_profiles=profile))
            answers["SetChargingProfile"] = result.status
            await self.composite()
        elif mode == "reserve":
            marks["expiry"] = time.monotonic() + ARGS.expiry
            result = await self.call(call.ReserveNow(
                connector_id=2, expiry_date=iso(now() + timedelta(seconds=ARGS.expiry)), id_tag="CLOCK",
                reservation_id=1))
            answers["ReserveNow"] = result.status
        elif mode == "far":
            result = await self.call(call.ReserveNow(
                connector_id=2, expiry_date=FAR, id_tag="CLOCK", reservation_id=1))
            answers["ReserveNow"] = result.status
            await self.call(call.UpdateFirmware(location="https://firmware.invalid/greenup.bin", retrieve_date=FAR))
            answers["UpdateFirmware"] = "answered"

    async def composite(self):
        result = await self.call(call.GetCompositeSchedule(
            connector_id=1, duration=3600, charging_rate_unit=ChargingRateUnitType.amps))
        answers["GetCompositeSchedule"] = {"status": result.status, "schedule": result.charging_schedule}

    @on(Action.status_notification)
    def on_status(self, connector_id, status, **_):
        if connector_id == 2 and "expiry" in marks:
            statuses.append([status, round(time.monotonic() - marks["expiry"], 3)])
        return call_result.StatusNotification()

    @on(Action.firmware_status_notification)
    def on_firmware(self, status, **_):
        firmware.append([status, round(time.monotonic() - marks.get("firmware", time.monotonic()), 3)])
        return call_result.FirmwareStatusNotification()


async def main():
    await serve_until_stdin_closes(link_handler(ClockStation))
    print(json.dumps({"received": received, "violations": violations, "timestamps": timestamps,
                      "max_skew_s": max_skew, "firmware": firmware, "statuses": statuses,
                      "answers": answers}, default=str), flush=True)


parser = argparse.ArgumentParser()
parser.add_argument("mode", choices=["timestamps", "firmware", "cap", "reserve", "far", "slow", "late-once"])
parser.add_argument("--interval", type=int, default=60)
parser.add_argument("--delay", type=float, default=0.4)
parser.add_argument("--expiry", type=float, default=3)
ARGS = parser.parse_args()
asyncio.run(main())
