"""A CSMS that drops a whole fleet at once and then refuses it for a while, to see how the fleet comes back.

It accepts every station; once --stations of them have booted (and, with --reconnection-time, answered a
ChangeConfiguration of serverReconnectionTime to that many seconds), it drops every link at once (the TCP
connections reset, as when a CSMS crashes), prints `DROP`, and answers every WebSocket handshake with
HTTP 503 for --refuse-for seconds. Then it accepts again and prints `OPEN`. It notes the time of every
handshake from the drop on.

Prints `PORT <n>` when it listens on 127.0.0.1; when its stdin closes, one JSON line:
{"drop": unix seconds, "open": unix seconds, "attempts": [[unix seconds, station, HTTP status], ...]}.
Usage: wave_csms.py --stations N --refuse-for S [--reconnection-time T]
"""
import argparse
import asyncio
import http
import json
import sys
import time
from datetime import datetime, timezone

import websockets

links = {}
ready = set()
state = {"drop": None, "open": None}
attempts = []
dropped = asyncio.Event()


def now():
    return datetime.now(timezone.utc).isoformat()


def answer(action):
    if action == "BootNotification":
        return {"status": "Accepted", "currentTime": now(), "interval": 300}
    if action == "Heartbeat":
        return {"currentTime": now()}
    if action == "StartTransaction":
        return {"transactionId": 1, "idTagInfo": {"status": "Accepted"}}
    if action in ("Authorize", "StopTransaction"):
        return {"idTagInfo": {"status": "Accepted"}}
    return {}


def process_request(connection, request):
    station = request.path.rsplit("/", 1)[-1]
    if state["drop"] is None:
        return None
    refused = state["open"] is None
    attempts.append([time.time(), station, 503 if refused else 101])
    return connection.respond(http.HTTPStatus.SERVICE_UNAVAILABLE, "refused for now\n") if refused else None


def mark_ready(station):
    ready.add(station)
    if len(ready) >= ARGS.stations and not dropped.is_set():
        dropped.set()


async def serve(connection):
    station = connection.request.path.rsplit("/", 1)[-1]
    links[station] = connection
    try:
        async for text in connection:
            frame = json.loads(text)
            if frame[0] == 2:
                await connection.send(json.dumps([3, frame[1], answer(frame[2])]))
                if frame[2] == "BootNotification" and state["drop"] is None:
                    if ARGS.reconnection_time:
                        change = {"key": "serverReconnectionTime", "value": str(ARGS.reconnection_time)}
                        await connection.send(json.dumps([2, "set-" + station, "ChangeConfiguration", change]))
                    else:
                        mark_ready(station)
            elif frame[0] == 3 and frame[1] == "set-" + station and frame[2].get("status") == "Accepted":
                mark_ready(station)
    except websockets.ConnectionClosed:
        pass
    finally:
        if links.get(station) is connection:
            del links[station]


async def drop_then_refuse():
    await dropped.wait()
    state["drop"] = time.time()
    for link in list(links.values()):
        link.transport.abort()
    print("DROP", flush=True)
    await asyncio.sleep(max(0.0, state["drop"] + ARGS.refuse_for - time.time()))
    state["open"] = time.time()
    print("OPEN", flush=True)


async def main():
    server = await websockets.serve(
        serve, "127.0.0.1", 0, subprotocols=["ocpp1.6"], process_request=process_request, ping_interval=None)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    waves = asyncio.ensure_future(drop_then_refuse())
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    waves.cancel()
    server.close()
    print(json.dumps({"drop": state["drop"], "open": state["open"], "attempts": attempts}), flush=True)


parser = argparse.ArgumentParser()
parser.add_argument("--stations", type=int, required=True)
parser.add_argument("--refuse-for", type=float, required=True)
parser.add_argument("--reconnection-time", type=int, default=0)
ARGS = parser.parse_args()
asyncio.run(main())
