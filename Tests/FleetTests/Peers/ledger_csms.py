"""A CSMS that keeps a ledger of what it received, for the tests that kill a CSMS and start it again.

Every CALL a station sends is written to the ledger, one JSON line, and flushed before it is answered:
a CSMS killed with SIGKILL has written every CALL it could have answered. A restarted CSMS appends to
the same file on the same port. A line: {"t": unix seconds, "station": id, "id": message id, "action": a,
"transaction": transactionId or null, "timestamp": the StartTransaction's or StopTransaction's timestamp,
or the first meter value's, or null}. It answers everything at once (no schema check: it must keep up with
a thousand stations), transactionIds counting from --first-transaction. Its first line says when it began
to listen: {"t": unix seconds, "event": "listening"}.

Prints `PORT <n>` when it listens on 127.0.0.1 (--port, 0 for any), `BOOTED` once --stations different
stations have booted, `STARTED` once it has received --starts StartTransactions; stops when its stdin closes.
Usage: ledger_csms.py --ledger FILE [--port N] [--first-transaction N] [--interval S] [--stations N] [--starts N]
"""
import argparse
import asyncio
import json
import sys
import time

import websockets

from accepting_answers import AcceptingAnswers

booted = set()
starts = 0


def progress(station, action):
    global starts
    if action == "BootNotification" and len(booted) < ARGS.stations:
        booted.add(station)
        if len(booted) == ARGS.stations:
            print("BOOTED", flush=True)
    if action == "StartTransaction":
        starts += 1
        if starts == ARGS.starts:
            print("STARTED", flush=True)


def entry(station, frame):
    payload = frame[3] if len(frame) > 3 and isinstance(frame[3], dict) else {}
    timestamp = payload.get("timestamp")
    if timestamp is None and payload.get("meterValue"):
        timestamp = payload["meterValue"][0].get("timestamp")
    return {"t": time.time(), "station": station, "id": frame[1], "action": frame[2],
            "transaction": payload.get("transactionId"), "timestamp": timestamp}


async def serve(connection):
    station = connection.request.path.rsplit("/", 1)[-1]
    try:
        async for text in connection:
            frame = json.loads(text)
            if frame[0] != 2:
                continue
            LEDGER.write(json.dumps(entry(station, frame)) + "\n")
            LEDGER.flush()
            progress(station, frame[2])
            await connection.send(json.dumps([3, frame[1], ANSWER(frame[2])]))
    except websockets.ConnectionClosed:
        pass


async def main():
    server = await websockets.serve(
        serve, "127.0.0.1", ARGS.port, subprotocols=["ocpp1.6"], reuse_address=True, ping_interval=None,
        max_queue=None)
    LEDGER.write(json.dumps({"t": time.time(), "event": "listening"}) + "\n")
    LEDGER.flush()
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    server.close()


parser = argparse.ArgumentParser()
parser.add_argument("--ledger", required=True)
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--first-transaction", type=int, default=1)
parser.add_argument("--interval", type=int, default=60)
parser.add_argument("--stations", type=int, default=0)
parser.add_argument("--starts", type=int, default=0)
ARGS = parser.parse_args()
ANSWER = AcceptingAnswers(ARGS.interval, ARGS.first_transaction)
LEDGER = open(ARGS.ledger, "a", buffering=1)
asyncio.run(main())
