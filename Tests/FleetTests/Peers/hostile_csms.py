"""A badly behaved CSMS, to check that a fleet counts what goes wrong and carries on.

Modes (`--mode`):
- subprotocol: station n (the digits of its id) is refused by n % 4: 1 a 101 without the ocpp1.6
  subprotocol, 2 a 101 naming a subprotocol it never offered (ocpp2.0.1), 3 HTTP 400; 0 is served.
- garbage: BootNotification is answered; every other CALL gets, in turn: text that is not JSON, a JSON
  object, a CALLRESULT with a message id that was never sent, a CALLRESULT whose payload its schema
  refuses, a binary frame, a CALLERROR InternalError, a correct answer. After the boot it also sends the
  station three malformed CALLs (an unknown action, a Reset of an unknown type, a ChangeConfiguration
  with a number as its key) and records the answers.
- silent: accepts the link and never answers.
- late: answers every other CALL after `--delay` seconds (BootNotification on time).
- closing: answers correctly and closes every link one second after it opened, in turn with a close
  handshake (1000, 1001) and by dropping the TCP connection.

Prints `PORT <n>` when it listens on 127.0.0.1; on SIGTERM or SIGINT, or when its stdin closes (the test
that started it is gone), prints one JSON line:
{"mode": m, "connections": n, "calls": n, "answers": {"unknown_action": frame, ...}}.
"""
import argparse
import asyncio
import json
import os
import re
import signal
import sys

import websockets
from websockets.exceptions import NegotiationError

from accepting_answers import AcceptingAnswers

connections = 0
calls = 0
answers = {}
garbage_turn = 0
correct_answer = AcceptingAnswers(interval=30)

# The malformed CALLs of the garbage mode, by message id.
MALFORMED = {
    "unknown_action": ["NoSuchAction", {}],
    "bad_enum": ["Reset", {"type": "Sideways"}],
    "bad_type": ["ChangeConfiguration", {"key": 42, "value": "30"}],
}


def station_number(path):
    digits = re.sub(r"\D", "", path.rsplit("/", 1)[-1])
    return int(digits) if digits else 0


def select_subprotocol(connection, offered):
    refusal = station_number(connection.request.path) % 4 if ARGS.mode == "subprotocol" else 0
    if refusal == 1:
        return None
    if refusal == 2:
        return "ocpp2.0.1"
    if refusal == 3:
        raise NegotiationError("no subprotocol for you")
    return "ocpp1.6" if "ocpp1.6" in offered else None


async def send_garbage(connection, message_id, action):
    global garbage_turn
    garbage_turn += 1
    turn = garbage_turn % 7
    if turn == 0:
        await connection.send("this is not JSON {")
    elif turn == 1:
        await connection.send(json.dumps({"not": "an RPC array"}))
    elif turn == 2:
        await connection.send(json.dumps([3, "never-sent-" + message_id, correct_answer(action)]))
    elif turn == 3:
        await connection.send(json.dumps([3, message_id, {"currentTime": 42, "status": "Sideways"}]))
    elif turn == 4:
        await connection.send(b"\x00\x01binary")
    elif turn == 5:
        await connection.send(json.dumps([4, message_id, "InternalError", "hostile CSMS", {}]))
    else:
        await connection.send(json.dumps([3, message_id, correct_answer(action)]))


async def answer_late(connection, message_id, action):
    await asyncio.sleep(ARGS.delay)
    try:
        await connection.send(json.dumps([3, message_id, correct_answer(action)]))
    except websockets.ConnectionClosed:
        pass


async def close_soon(connection, number):
    await asyncio.sleep(1)
    if number % 3 == 0:
        connection.transport.abort()
    else:
        try:
            await connection.close(1000 if number % 3 == 1 else 1001)
        except websockets.ConnectionClosed:
            pass


async def serve(connection):
    global connections, calls
    connections += 1
    late_turn = 0
    if ARGS.mode == "closing":
        asyncio.ensure_future(close_soon(connection, connections))
    try:
        async for text in connection:
            frame = json.loads(text)
            if frame[0] != 2:
                if frame[1] in MALFORMED:
                    answers[frame[1]] = frame
                continue
            calls += 1
            message_id, action = frame[1], frame[2]
            if ARGS.mode == "silent":
                continue
            if ARGS.mode == "garbage" and action != "BootNotification":
                await send_garbage(connection, message_id, action)
            elif ARGS.mode == "late" and action != "BootNotification" and late_turn % 2 == 0:
                late_turn += 1
                asyncio.ensure_future(answer_late(connection, message_id, action))
            else:
                late_turn += 1
                await connection.send(json.dumps([3, message_id, correct_answer(action)]))
            if ARGS.mode == "garbage" and action == "BootNotification":
                for name, (malformed_action, payload) in MALFORMED.items():
                    if name not in answers:
                        await connection.send(json.dumps([2, name, malformed_action, payload]))
    except websockets.ConnectionClosed:
        pass


async def main():
    server = await websockets.serve(
        serve, "127.0.0.1", 0, subprotocols=["ocpp1.6"], select_subprotocol=select_subprotocol)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    # A parent may have blocked SIGTERM on the thread that started us (swift test does): the mask is inherited.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    loop.add_signal_handler(signal.SIGTERM, done.set)
    loop.add_signal_handler(signal.SIGINT, done.set)
    loop.add_reader(sys.stdin.fileno(), done.set)
    await done.wait()
    server.close()
    print(json.dumps({"mode": ARGS.mode, "connections": connections, "calls": calls, "answers": answers}),
          flush=True)
    os._exit(0)


parser = argparse.ArgumentParser()
parser.add_argument("--mode", required=True, choices=["subprotocol", "garbage", "silent", "late", "closing"])
parser.add_argument("--delay", type=float, default=1.0)
ARGS = parser.parse_args()
asyncio.run(main())
