"""A CSMS that breaks the WebSocket transport after a link opened, one way per station, to check that a
fleet reports why each link closed. The upgrade and frames are written by hand on raw sockets, since a
WebSocket library would refuse to send most of them.

Station n (the digits of its id) is answered its BootNotification, then after 0.2 s gets, by n % 8:
  0 a close frame with code 4001 (an application's code), answered and then the socket closed
  1 a frame header that cannot be: a 64-bit length with its top bit set
  2 the header of a text frame of 2 MiB, more than a station takes
  3 a text frame that is not valid UTF-8
  4 a binary frame
  5 the start of a 100-byte frame, then the socket closed in the middle of it
  6 the start of a 100-byte frame, then nothing ever again: pings unanswered
  7 the TCP connection dropped without a close frame

Prints `PORT <n>` when it listens on 127.0.0.1 and stops when its stdin closes, after printing
`CONNECTIONS <n>`.
"""
import asyncio
import base64
import hashlib
import json
import re
import struct
import sys
from datetime import datetime, timezone

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
connections = 0


def frame(opcode, payload, fin=True):
    first = (0x80 if fin else 0) | opcode
    if len(payload) < 126:
        return bytes([first, len(payload)]) + payload
    if len(payload) < 65536:
        return bytes([first, 126]) + struct.pack("!H", len(payload)) + payload
    return bytes([first, 127]) + struct.pack("!Q", len(payload)) + payload


async def read_frame(reader):
    """One frame from the station (masked), as (opcode, payload)."""
    first, second = await reader.readexactly(2)
    length = second & 0x7F
    if length == 126:
        length = struct.unpack("!H", await reader.readexactly(2))[0]
    elif length == 127:
        length = struct.unpack("!Q", await reader.readexactly(8))[0]
    key = await reader.readexactly(4) if second & 0x80 else b"\0\0\0\0"
    payload = await reader.readexactly(length)
    return first & 0x0F, bytes(b ^ key[i % 4] for i, b in enumerate(payload))


async def break_link(number, reader, writer):
    case = number % 8
    if case == 0:
        writer.write(frame(0x8, struct.pack("!H", 4001) + b"going"))
    elif case == 1:
        writer.write(bytes([0x81, 127, 0x80, 0, 0, 0, 0, 0, 0, 5]))
    elif case == 2:
        writer.write(bytes([0x81, 127]) + struct.pack("!Q", 2 << 20))
    elif case == 3:
        writer.write(frame(0x1, b"[3,\"x\",{\"a\":\"\xc3\x28\"}]"))
    elif case == 4:
        writer.write(frame(0x2, b"\x00\x01\x02"))
    elif case in (5, 6):
        writer.write(bytes([0x81, 100]) + b"[3,\"1\",{")
    if case == 7:
        writer.transport.abort()
        return
    await writer.drain()
    if case == 5:
        writer.close()
        return
    if case == 6:
        await asyncio.sleep(3600)
    # Read what the station answers (its close frame) until it closes the socket.
    try:
        while await asyncio.wait_for(reader.read(4096), 10):
            pass
    except (asyncio.TimeoutError, ConnectionError):
        pass
    writer.close()


async def serve(reader, writer):
    global connections
    try:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        path = lines[0].split(" ")[1]
        fields = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:] if ":" in line)}
        accept = base64.b64encode(hashlib.sha1(fields["sec-websocket-key"].encode() + GUID).digest()).decode()
        writer.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n").encode())
        connections += 1
        digits = re.sub(r"\D", "", path.rsplit("/", 1)[-1])
        number = int(digits) if digits else 0
        while True:
            opcode, payload = await read_frame(reader)
            if opcode != 0x1:
                continue
            call = json.loads(payload)
            if call[0] == 2 and call[2] == "BootNotification":
                answer = {"status": "Accepted", "currentTime": datetime.now(timezone.utc).isoformat(), "interval": 60}
                writer.write(frame(0x1, json.dumps([3, call[1], answer]).encode()))
                await writer.drain()
                break
        await asyncio.sleep(0.2)
        await break_link(number, reader, writer)
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    print(f"CONNECTIONS {connections}", flush=True)
    server.close()


asyncio.run(main())
