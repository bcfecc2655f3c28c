"""A websockets client for our server: connects to argv[1] with subprotocol ocpp1.6, sends each of the
following arguments as a text message and prints each answer on its own line, then closes normally and
prints "CLOSED <code>". With --expect-refusal, prints the HTTP status the server refused with instead."""
import asyncio
import sys

from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus


async def main():
    url, messages = sys.argv[1], sys.argv[2:]
    try:
        async with asyncio.timeout(20):
            async with connect(url, subprotocols=["ocpp1.6"]) as websocket:
                print(f"SUBPROTOCOL {websocket.subprotocol}", flush=True)
                for message in messages:
                    await websocket.send(message)
                    print(await websocket.recv(), flush=True)
            print(f"CLOSED {websocket.close_code}", flush=True)
    except InvalidStatus as error:
        print(f"REFUSED {error.response.status_code}", flush=True)


asyncio.run(main())
