"""An independent, strict CSMS for the conformance run: the Python `ocpp` package's central-system side
(OCPP 1.6J, every payload validated against the official JSON schemas), with more checks of its own.

Every frame a station sends is checked before the package sees it: a text frame holding an OCPP-J RPC
array of the right shape, a CALL's payload against <Action>.json and a CALLRESULT's against
<Action>Response.json (with date-time formats checked, which the package skips), a CALLERROR's code
against the OCPP-J 1.6 list, and a few rules of the protocol (BootNotification first, transaction ids
this CSMS gave, answers to calls that were made). Whatever the package itself refuses (it answers a
CALLERROR, or logs an error) is a violation too.

It answers every station -> CSMS action: BootNotification Accepted with `--interval`, unique transaction
ids, Authorize and StartTransaction by the badge's kind (`T0000001V0`: V valid, U unknown, E expired,
B blocked; `R...` remote badges valid). With `--commands` it sends each station, once, after its first
boot: GetConfiguration, ChangeConfiguration of HeartbeatInterval (then reads it back), TriggerMessage
StatusNotification, SetChargingProfile, RemoteStartTransaction and Reset Soft, and checks the answers.

Prints `PORT <n>` when it listens on 127.0.0.1; on SIGTERM or SIGINT, or after `--duration`
seconds it prints one JSON line (also written to `--summary FILE`):
{"received": {action: n}, "answered": {action: n}, "commands": {action: {status: n}},
 "connections": n, "violation_count": n, "violations": [{"station", "kind", "detail", "frame"}...]}

Usage: conformance_csms.py [--interval S] [--commands] [--duration S] [--summary FILE]
"""
import argparse
import asyncio
import json
import logging
import os
import re
import signal
import sys
from datetime import datetime, timezone

import websockets
from csms_peer import AcceptingStation
from ocpp16_schemas import ERROR_CODES, SCHEMAS, validator
from ocpp.exceptions import OCPPError
from ocpp.routing import after, on
from ocpp.v16 import call, call_result
from ocpp.v16.enums import (
    Action,
    AuthorizationStatus,
    MessageTrigger,
    RegistrationStatus,
    ResetType,
)

received = {}
answered = {}
commands = {}
connections = 0
violations = []
violation_count = 0
next_transaction = 0
# Per station id, across its links: booted at least once, the transaction ids it was given.
booted = set()
transactions = {}
commanded = set()


def violation(station, kind, detail, frame=None):
    global violation_count
    violation_count += 1
    if len(violations) < 100:
        violations.append({"station": station, "kind": kind, "detail": str(detail)[:400],
                           "frame": None if frame is None else str(frame)[:400]})
    print(f"VIOLATION {station} {kind}: {detail}", file=sys.stderr, flush=True)


class PackageErrors(logging.Handler):
    """The package logs, rather than raises, a frame it cannot parse or an answer to no call."""

    def emit(self, record):
        violation("?", "package", record.getMessage())


logging.getLogger("ocpp").addHandler(PackageErrors(level=logging.ERROR))
logging.getLogger("ocpp").propagate = False


def now():
    return datetime.now(timezone.utc).isoformat()


def badge_status(id_tag):
    if id_tag.startswith("T") and len(id_tag) >= 9:
        return {"U": AuthorizationStatus.invalid, "E": AuthorizationStatus.expired,
                "B": AuthorizationStatus.blocked}.get(id_tag[8], AuthorizationStatus.accepted)
    return AuthorizationStatus.accepted


def remote_badge(station):
    """The fleet's remote idTag of a station: `GU000001` -> `R0000001`."""
    return "R" + re.sub(r"\D", "", station).zfill(7)


class StrictStation(AcceptingStation):
    def __init__(self, *arguments, **options):
        super().__init__(*arguments, **options)
        self.calls = {}

    async def start(self):
        while True:
            message = await self._connection.recv()
            if not isinstance(message, str):
                violation(self.id, "frame", "binary frame (OCPP-J uses text frames)", message)
                continue
            self.check(message)
            await self.route_message(message)

    def check(self, raw):
        try:
            frame = json.loads(raw)
        except ValueError as error:
            return violation(self.id, "frame", f"not JSON: {error}", raw)
        if not isinstance(frame, list) or not frame or frame[0] not in (2, 3, 4):
            return violation(self.id, "frame", "not an OCPP-J RPC array", raw)
        lengths = {2: 4, 3: 3, 4: 5}
        if len(frame) != lengths[frame[0]]:
            return violation(self.id, "frame", f"{len(frame)} elements for type {frame[0]}", raw)
        message_id = frame[1]
        if not isinstance(message_id, str) or not 0 < len(message_id) <= 36:
            return violation(self.id, "frame", "message id is not a string of 1 to 36 characters", raw)
        if frame[0] == 2:
            self.check_call(frame, raw)
        elif frame[0] == 3:
            action = self.calls.pop(message_id, None)
            if action is None:
                return violation(self.id, "answer", "CALLRESULT to no call of this CSMS", raw)
            answered[action] = answered.get(action, 0) + 1
            self.check_payload(action + "Response", frame[2], raw)
        else:
            action = self.calls.pop(message_id, None)
            if frame[2] not in ERROR_CODES:
                violation(self.id, "error-code", f"{frame[2]} is not an OCPP-J 1.6 error code", raw)
            if not isinstance(frame[3], str) or not isinstance(frame[4], dict):
                violation(self.id, "frame", "CALLERROR description or details of the wrong type", raw)
            violation(self.id, "answer", f"CALLERROR to a valid {action or 'unknown call'}", raw)

    def check_call(self, frame, raw):
        action, payload = frame[2], frame[3]
        received[action] = received.get(action, 0) + 1
        if not self.check_payload(action, payload, raw):
            return
        if action == "BootNotification":
            booted.add(self.id)
        elif self.id not in booted:
            violation(self.id, "protocol", f"{action} before any BootNotification", raw)
        if action in ("StopTransaction", "MeterValues") and "transactionId" in payload:
            if payload["transactionId"] not in transactions.get(self.id, set()):
                violation(self.id, "protocol", f"{action} for transaction {payload['transactionId']}, "
                          "which this CSMS never gave this station", raw)

    def check_payload(self, schema, payload, raw):
        if not os.path.exists(os.path.join(SCHEMAS, schema + ".json")):
            violation(self.id, "action", f"{schema} is not an OCPP 1.6 message", raw)
            return False
        errors = list(validator(schema).iter_errors(payload))
        for error in errors:
            where = "/".join(str(part) for part in error.absolute_path)
            violation(self.id, "schema", f"{schema} {where}: {error.message}", raw)
        return not errors

    async def _send(self, message):
        frame = json.loads(message)
        if frame[0] == 2:
            self.calls[frame[1]] = frame[2]
        elif frame[0] == 4:
            # The package answers a CALLERROR to what its schemas refuse.
            violation(self.id, "package", f"the ocpp package refused a frame: {message}")
        await super()._send(message)

    @on(Action.boot_notification)
    def on_boot(self, **_):
        return call_result.BootNotification(
            current_time=now(), interval=ARGS.interval, status=RegistrationStatus.accepted)

    @after(Action.boot_notification)
    def after_boot(self, **_):
        if ARGS.commands and self.id not in commanded:
            commanded.add(self.id)
            asyncio.ensure_future(self.send_commands())

    @on(Action.authorize)
    def on_authorize(self, id_tag, **_):
        return call_result.Authorize(id_tag_info={"status": badge_status(id_tag)})

    @on(Action.start_transaction)
    def on_start(self, id_tag, **_):
        global next_transaction
        next_transaction += 1
        transactions.setdefault(self.id, set()).add(next_transaction)
        return call_result.StartTransaction(
            transaction_id=next_transaction, id_tag_info={"status": badge_status(id_tag)})

    @on(Action.data_transfer)
    def on_data_transfer(self, **_):
        return call_result.DataTransfer(status="UnknownVendorId")

    async def command(self, payload):
        """Sends one command; a CALLERROR, a refused answer or silence is recorded, not raised."""
        action = type(payload).__name__
        try:
            result = await self.call(payload, suppress=False)
        except OCPPError as error:
            # A CALLERROR or an answer the schemas refuse: check() has recorded the violation already.
            commands.setdefault(action, {}).setdefault("refused", 0)
            commands[action]["refused"] += 1
            print(f"{self.id}: {action} refused: {error}", file=sys.stderr, flush=True)
            return None
        except (asyncio.TimeoutError, websockets.ConnectionClosed) as error:
            commands.setdefault(action, {}).setdefault("unanswered", 0)
            commands[action]["unanswered"] += 1
            print(f"{self.id}: {action} unanswered ({type(error).__name__})", file=sys.stderr, flush=True)
            return None
        status = getattr(result, "status", "answered")
        commands.setdefault(action, {}).setdefault(str(status), 0)
        commands[action][str(status)] += 1
        return result

    async def send_commands(self):
        await asyncio.sleep(0.5)
        everything = await self.command(call.GetConfiguration())
        if everything is not None and not everything.configuration_key:
            violation(self.id, "command", "GetConfiguration without keys listed no key")
        changed = await self.command(call.ChangeConfiguration(key="HeartbeatInterval", value=str(ARGS.interval)))
        if changed is not None and changed.status == "Accepted":
            read = await self.command(call.GetConfiguration(key=["HeartbeatInterval"]))
            values = [entry.get("value") for entry in (read.configuration_key or [])] if read else None
            if read is not None and values != [str(ARGS.interval)]:
                violation(self.id, "command", f"HeartbeatInterval reads {values} after ChangeConfiguration")
        await self.command(call.TriggerMessage(
            requested_message=MessageTrigger.status_notification, connector_id=1))
        await self.command(call.SetChargingProfile(connector_id=0, cs_charging_profiles={
            "chargingProfileId": 1, "stackLevel": 0, "chargingProfilePurpose": "TxDefaultProfile",
            "chargingProfileKind": "Relative",
            "chargingSchedule": {"chargingRateUnit": "A",
                                 "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 16.0}]},
        }))
        await self.command(call.RemoteStartTransaction(id_tag=remote_badge(self.id), connector_id=1))
        await asyncio.sleep(0.5)
        await self.command(call.Reset(type=ResetType.soft))


async def serve(connection):
    global connections
    connections += 1
    if connection.subprotocol != "ocpp1.6":
        violation("?", "handshake", f"station offered no ocpp1.6 subprotocol: {connection.subprotocol}")
    station = StrictStation(connection.request.path.rsplit("/", 1)[-1], connection, response_timeout=5)
    try:
        await station.start()
    except websockets.ConnectionClosed:
        pass


async def main():
    server = await websockets.serve(serve, "127.0.0.1", 0, subprotocols=["ocpp1.6"])
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    # A parent may have blocked SIGTERM on the thread that started us (swift test does): the mask is inherited.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    loop.add_signal_handler(signal.SIGTERM, done.set)
    loop.add_signal_handler(signal.SIGINT, done.set)
    try:
        await asyncio.wait_for(done.wait(), ARGS.duration)
    except asyncio.TimeoutError:
        pass
    server.close()
    summary = json.dumps({
        "received": received, "answered": answered, "commands": commands, "connections": connections,
        "violation_count": violation_count, "violations": violations,
    })
    if ARGS.summary:
        with open(ARGS.summary, "w") as file:
            file.write(summary + "\n")
    print(summary, flush=True)
    os._exit(0)


parser = argparse.ArgumentParser()
parser.add_argument("--interval", type=int, default=30)
parser.add_argument("--commands", action="store_true")
parser.add_argument("--duration", type=float, default=600)
parser.add_argument("--summary")
ARGS = parser.parse_args()
asyncio.run(main())
