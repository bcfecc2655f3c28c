"""A websockets server our client connects to. Prints "PORT <n>" once listening, then one JSON line per
request it sees ({"path": ..., "authorization": ..., "subprotocol": ...}) and "PING" for each ping it gets
(answered with a pong, as the library does). Modes:
  echo                echoes every text message (selects ocpp1.6)
  refuse-subprotocol  selects no subprotocol
  reject              answers 404 with a body
  abrupt              closes the TCP connection right after the upgrade, with no close frame
  fragments-and-ping  sends a ping, then a message in three fragments, then echoes
  silent              accepts and never answers messages
  binary              sends a binary message, then prints the close code it got as "CLOSE <code>"
With a certificate and key after the mode, it serves wss://. The test terminates it; it stops by itself
after 10 minutes, long after a test on a busy machine (where a test may wait a minute for a thread) ends."""
import asyncio
import json
import logging
import ssl
import sys
from http import HTTPStatus

from websockets.asyncio.server import serve

mode = sys.argv[1]


class PingPrinter(logging.Handler):
    """Prints "PING" for each ping frame the library logs as received."""

    def emit(self, record):
        if record.getMessage().startswith("< PING"):
            print("PING", flush=True)


# The library logs each frame it receives at debug level, and only when that level is on.
frames = logging.getLogger("websockets.server")
frames.setLevel(logging.DEBUG)
frames.propagate = False
frames.addHandler(PingPrinter())


def record(connection, request):
    print(json.dumps({
        "path": request.path,
        "authorization": request.headers.get("Authorization"),
        "protocol": request.headers.get("Sec-WebSocket-Protocol"),
        "peer": connection.remote_address[0],
    }), flush=True)
    if mode == "reject":
        return connection.respond(HTTPStatus.NOT_FOUND, "no station with this id here\n")
    return None


async def handler(websocket):
    if mode == "abrupt":
        websocket.transport.abort()
        return
    if mode == "fragments-and-ping":
        pong = await websocket.ping(b"are you there")
        # The message comes only once our pong did: a client that ignores pings never gets it.
        await asyncio.wait_for(pong, 5)
        await websocket.send(["[2,\"7\",", "\"Heartbeat\"", ",{}]"])
    if mode == "binary":
        await websocket.send(b"\x00\x01\x02")
        await websocket.wait_closed()
        print(f"CLOSE {websocket.close_code}", flush=True)
        return
    if mode == "silent":
        # As long as the server lives: a test on a busy machine may take minutes to fill the link.
        await asyncio.sleep(600)
        return
    async for message in websocket:
        await websocket.send(message)


async def main():
    subprotocols = None if mode == "refuse-subprotocol" else ["ocpp1.6"]
    context = None
    if len(sys.argv) > 3:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
    async with serve(
        handler, "127.0.0.1", 0, subprotocols=subprotocols, process_request=record, ssl=context
    ) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"PORT {port}", flush=True)
        await asyncio.sleep(600)


asyncio.run(main())
