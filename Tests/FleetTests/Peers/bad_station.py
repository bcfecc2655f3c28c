"""A station that breaks OCPP 1.6J on purpose, to show that conformance_csms.py sees what it must.

Usage: bad_station.py URL. Sends, on one link: a Heartbeat before any BootNotification, a
BootNotification without chargePointModel, a valid BootNotification, a StatusNotification whose
timestamp is not a date-time, a StopTransaction for a transaction the CSMS never gave, a frame that is
not JSON and a CALL of an action OCPP 1.6 does not have; waits for the answer to each CALL (at most 60 s:
a loaded machine may stall the CSMS for seconds), so that the CSMS has seen every frame, and closes.
"""
import asyncio
import json
import sys

import websockets

FRAMES = [
    [2, "1", "Heartbeat", {}],
    [2, "2", "BootNotification", {"chargePointVendor": "Legrand"}],
    [2, "3", "BootNotification", {"chargePointVendor": "Legrand", "chargePointModel": "GreenUp"}],
    [2, "4", "StatusNotification", {"connectorId": 1, "errorCode": "NoError", "status": "Available",
                                    "timestamp": "yesterday"}],
    [2, "5", "StopTransaction", {"transactionId": 999999, "meterStop": 10,
                                 "timestamp": "2026-01-05T08:00:00Z"}],
    "not JSON at all",
    [2, "6", "NoSuchAction", {}],
]


async def main():
    async with websockets.connect(sys.argv[1], subprotocols=["ocpp1.6"]) as link:
        for frame in FRAMES:
            await link.send(frame if isinstance(frame, str) else json.dumps(frame))
        waiting = {frame[1] for frame in FRAMES if not isinstance(frame, str)}
        try:
            async with asyncio.timeout(60):
                async for text in link:
                    try:
                        answer = json.loads(text)
                    except ValueError:
                        continue
                    if isinstance(answer, list) and len(answer) > 1 and answer[0] in (3, 4):
                        waiting.discard(answer[1])
                    if not waiting:
                        break
        except TimeoutError:
            pass


asyncio.run(main())
