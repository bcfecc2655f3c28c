"""A CSMS that records the WebSocket keys stations send: for each station's first link, its
Sec-WebSocket-Key and the masking key of its first frame, read from the raw bytes. It accepts the upgrade
(ocpp1.6), never answers, prints `PORT <n>` when it listens, and when its stdin closes prints
{"<path>": ["<key>", "<mask hex>"], ...} and stops.
"""
import asyncio
import base64
import hashlib
import json
import sys

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
seen = {}


async def serve(reader, writer):
    try:
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        lines = head.split("\r\n")
        path = lines[0].split(" ")[1]
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        key = headers["sec-websocket-key"]
        accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        writer.write(
            (
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n"
            ).encode()
        )
        await writer.drain()
        first = await reader.readexactly(2)
        length = first[1] & 0x7F
        if length == 126:
            await reader.readexactly(2)
        elif length == 127:
            await reader.readexactly(8)
        mask = await reader.readexactly(4)
        seen.setdefault(path, [key, mask.hex()])
        while await reader.read(65536):
            pass
    except (asyncio.IncompleteReadError, ConnectionError, KeyError, IndexError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    print(json.dumps(seen, sort_keys=True), flush=True)
    server.close()


asyncio.run(main())
