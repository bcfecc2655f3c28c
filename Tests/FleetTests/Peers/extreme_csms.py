"""A CSMS that sends the values which once trapped the whole fleet (issue #14): integers near 2^63 and
dates centuries ahead. Its frames are literal text, so that values no typed OCPP library would send go on
the wire as written; it records what each station answered.

Usage: extreme_csms.py [--value N] [--boot accepted|pending|alternate] [--boot-retry S] [--commands NAME ...]
  --boot accepted   the first BootNotification of each station is answered Accepted with `"interval":N`,
                    a frame meant to be refused: the station boots again, and that boot and every later
                    one is answered Accepted with interval 10
  --boot pending    the same, Pending
  --boot alternate  the first BootNotification is answered with `"interval":N`, Accepted for a station
                    whose number is odd, Pending for an even one
  Without --boot, every BootNotification is answered Accepted with interval 10.
  --boot-retry S    before answering a station's first BootNotification, sets its confBottNotificationTime
                    (the wait before it boots again) to S seconds
  --commands, once a station's boot is answered as above, each CALL in turn, awaiting its answer:
    composite     GetCompositeSchedule of connector 1 with `"duration":N`
    profile       SetChargingProfile of connector 0 whose schedule has `"duration":N`, then one whose
                  second period has `"startPeriod":N`
    remote-start  RemoteStartTransaction on connector 1 whose TxProfile has `"duration":N`, then one whose
                  second period has `"startPeriod":N`
    reserve       ReserveNow of connector 1 expiring 2700-01-01T00:00:00Z, of connector 2 expiring
                  9999-12-31T23:59:59.999Z; after the probe, CancelReservation of both
    firmware      UpdateFirmware with retrieveDate 2700-01-01T00:00:00Z, then 9999-12-31T23:59:59.999Z
  Half a second later it probes with GetConfiguration of HeartbeatInterval (the station still answers).

It prints `PORT <n>` when it listens, and, when its stdin closes, one JSON line:
{"stations": {id: {"boots": n, "answers": {name: answer}, "frames": {name: frame}, "statuses": [[connector,
status]], "firmware": [status]}}}, where an answer is a CALLRESULT's `status` (`CALLRESULT` when it has
none; the probe's: the key's value), `CALLERROR <code>`, or `none` when nothing came within 5 s.
"""
import argparse
import asyncio
import json
import re
from datetime import datetime, timezone

import websockets

from csms_peer import serve_until_stdin_closes

FAR = ("2700-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z")
stations = {}
next_transaction = 0


def now():
    return datetime.now(timezone.utc).isoformat()


def schedule(duration="3600", startPeriod="1800"):
    return ('{"duration":%s,"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":16},'
            '{"startPeriod":%s,"limit":8}]}' % (duration, startPeriod))


def profile(purpose, kind, **fields):
    return ('{"chargingProfileId":7,"stackLevel":0,"chargingProfilePurpose":"%s","chargingProfileKind":"%s",'
            '"chargingSchedule":%s}' % (purpose, kind, schedule(**fields)))


def commands(name, value):
    """The CALLs of one --commands name, as (message id, action, payload text)."""
    if name == "composite":
        return [("composite", "GetCompositeSchedule", '{"connectorId":1,"duration":%s}' % value)]
    if name == "profile":
        return [(f"profile-{field}", "SetChargingProfile", '{"connectorId":0,"csChargingProfiles":%s}'
                 % profile("TxDefaultProfile", "Absolute", **{field: value}))
                for field in ("duration", "startPeriod")]
    if name == "remote-start":
        return [(f"remote-start-{field}", "RemoteStartTransaction", '{"connectorId":1,"idTag":"APP","chargingProfile":%s}'
                 % profile("TxProfile", "Relative", **{field: value}))
                for field in ("duration", "startPeriod")]
    if name == "reserve":
        return [(f"reserve-{connector}", "ReserveNow", '{"connectorId":%d,"expiryDate":"%s","idTag":"MINE","reservationId":%d}'
                 % (connector, date, connector))
                for connector, date in ((1, FAR[0]), (2, FAR[1]))]
    if name == "firmware":
        return [(f"firmware-{date[:4]}", "UpdateFirmware",
                 '{"location":"https://firmware.invalid/greenup.bin","retrieveDate":"%s"}' % date) for date in FAR]
    raise ValueError(name)


def summary(frame):
    if frame[0] == 3:
        payload = frame[2]
        if "configurationKey" in payload:
            return ",".join(key.get("value", "") for key in payload["configurationKey"])
        return payload.get("status", "CALLRESULT")
    return f"CALLERROR {frame[2]}"


class Link:
    def __init__(self, connection, station_id):
        self.connection = connection
        self.seen = stations.setdefault(
            station_id, {"boots": 0, "answers": {}, "frames": {}, "statuses": [], "firmware": []})
        digits = re.sub(r"\D", "", station_id)
        self.odd = int(digits) % 2 == 1 if digits else True
        self.waiting = {}
        self.registered = asyncio.Event()

    def boot_answer(self):
        self.seen["boots"] += 1
        if ARGS.boot is None or self.seen["boots"] > 1:
            return '{"status":"Accepted","currentTime":"%s","interval":10}' % now(), True
        accepted = ARGS.boot == "accepted" or (ARGS.boot == "alternate" and self.odd)
        status = "Accepted" if accepted else "Pending"
        answer = '{"status":"%s","currentTime":"%s","interval":%s}' % (status, now(), ARGS.value)
        # Accepted and Pending send a frame meant to be refused: the commands wait for the boot that follows.
        return answer, ARGS.boot == "alternate"

    async def answer_boot(self, message_id):
        if ARGS.boot_retry is not None and self.seen["boots"] == 0:
            await self.call("boot-retry", "ChangeConfiguration",
                            '{"key":"confBottNotificationTime","value":"%d"}' % ARGS.boot_retry)
        answer, registers = self.boot_answer()
        try:
            await self.connection.send('[3,"%s",%s]' % (message_id, answer))
        except websockets.ConnectionClosed:
            return
        if registers:
            self.registered.set()

    def answer(self, action, payload):
        global next_transaction
        if action == "Heartbeat":
            return '{"currentTime":"%s"}' % now()
        if action == "StatusNotification":
            self.seen["statuses"].append([payload["connectorId"], payload["status"]])
        if action == "FirmwareStatusNotification":
            self.seen["firmware"].append(payload["status"])
        if action == "StartTransaction":
            next_transaction += 1
            return '{"transactionId":%d,"idTagInfo":{"status":"Accepted"}}' % next_transaction
        if action in ("Authorize", "StopTransaction"):
            return '{"idTagInfo":{"status":"Accepted"}}'
        return "{}"

    async def call(self, message_id, action, payload):
        self.waiting[message_id] = asyncio.get_running_loop().create_future()
        await self.connection.send('[2,"%s","%s",%s]' % (message_id, action, payload))
        try:
            text = await asyncio.wait_for(self.waiting[message_id], 5)
            self.seen["frames"][message_id] = text
            self.seen["answers"][message_id] = summary(json.loads(text))
        except asyncio.TimeoutError:
            self.seen["answers"][message_id] = "none"

    async def command(self):
        await self.registered.wait()
        try:
            for name in ARGS.commands:
                for message_id, action, payload in commands(name, ARGS.value):
                    await self.call(message_id, action, payload)
            await asyncio.sleep(0.5)
            await self.call("probe", "GetConfiguration", '{"key":["HeartbeatInterval"]}')
            if "reserve" in ARGS.commands:
                for connector in (1, 2):
                    await self.call(f"cancel-{connector}", "CancelReservation", '{"reservationId":%d}' % connector)
        except websockets.ConnectionClosed:
            pass

    async def serve(self):
        commander = asyncio.ensure_future(self.command())
        try:
            async for text in self.connection:
                frame = json.loads(text)
                if frame[0] != 2:
                    waiting = self.waiting.get(frame[1])
                    if waiting is not None and not waiting.done():
                        waiting.set_result(text)
                    continue
                message_id, action, payload = frame[1], frame[2], frame[3]
                if action == "BootNotification":
                    # Answered aside: it may first wait for the answer to a CALL of its own.
                    asyncio.ensure_future(self.answer_boot(message_id))
                else:
                    await self.connection.send('[3,"%s",%s]' % (message_id, self.answer(action, payload)))
        except websockets.ConnectionClosed:
            pass
        finally:
            commander.cancel()


async def serve(connection):
    await Link(connection, connection.request.path.rsplit("/", 1)[-1]).serve()


async def main():
    await serve_until_stdin_closes(serve)
    print(json.dumps({"stations": stations}), flush=True)


parser = argparse.ArgumentParser()
parser.add_argument("--value", help="the integer N, as written on the wire")
parser.add_argument("--boot", choices=["accepted", "pending", "alternate"])
parser.add_argument("--boot-retry", type=int)
parser.add_argument("--commands", nargs="*", default=[],
                    choices=["composite", "profile", "remote-start", "reserve", "firmware"])
ARGS = parser.parse_args()
asyncio.run(main())
