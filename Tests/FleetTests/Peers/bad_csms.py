"""A CSMS that misbehaves in one way, for the runner's robustness tests. It prints `PORT <n>` when it
listens and stops when its stdin closes.

Usage: bad_csms.py MODE
  no-subprotocol  accepts the upgrade without selecting ocpp1.6
  garbage         answers every message with text that is not OCPP-J
  silent          reads every message and never answers
  close           closes each link after its first message
"""
import asyncio
import sys

import websockets

MODE = sys.argv[1]


async def serve(connection):
    try:
        async for message in connection:
            if MODE == "garbage":
                await connection.send("this is not [OCPP")
                await connection.send('[3,"no-such-id",{}]')
            elif MODE == "close":
                await connection.close()
                return
    except websockets.ConnectionClosed:
        pass


async def main():
    protocols = None if MODE == "no-subprotocol" else ["ocpp1.6"]
    server = await websockets.serve(serve, "127.0.0.1", 0, subprotocols=protocols)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    server.close()


asyncio.run(main())
