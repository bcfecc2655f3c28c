"""A websockets client for our server: connects to argv[1] with subprotocol ocpp1.6, sends each of the
following arguments as a text message and prints each answer on its own line, then closes normally and
prints "CLOSED <code>"; if the server refuses, prints "REFUSED <status>" instead. For wss://, a first
"--ca FILE" names the authority to trust."""
import asyncio
import ssl
import sys

from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus


async def main():
    arguments = sys.argv[1:]
    ca_file = None
    if arguments[0] == "--ca":
        ca_file, arguments = arguments[1], arguments[2:]
    url, messages = arguments[0], arguments[1:]
    context = ssl.create_default_context(cafile=ca_file) if url.startswith("wss") else None
    try:
        async with asyncio.timeout(20):
            async with connect(url, subprotocols=["ocpp1.6"], ssl=context) as websocket:
                print(f"SUBPROTOCOL {websocket.subprotocol}", flush=True)
                for message in messages:
                    await websocket.send(message)
                    print(await websocket.recv(), flush=True)
            print(f"CLOSED {websocket.close_code}", flush=True)
    except InvalidStatus as error:
        print(f"REFUSED {error.response.status_code}", flush=True)


asyncio.run(main())
