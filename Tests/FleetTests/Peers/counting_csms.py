"""An independent CSMS for the runner's tests: the Python `ocpp` package's central-system side, which
validates every payload against the official OCPP 1.6 JSON schemas.

It accepts any station, answers every station message, and counts what it receives. It prints
`PORT <n>` when it listens, and, when its stdin closes, one JSON line:
{"received": {action: n}, "violations": n, "connections": n, "basic_auth": [values seen]}.

Usage: counting_csms.py [--interval SECONDS]
"""
import argparse
import asyncio
import base64
import json
import sys

from csms_peer import AcceptingStation, link_handler, serve_until_stdin_closes

received = {}
violations = 0
connections = 0
authorizations = []


class CountingStation(AcceptingStation):
    async def route_message(self, raw):
        message = json.loads(raw)
        if message[0] == 2:
            received[message[2]] = received.get(message[2], 0) + 1
        await super().route_message(raw)

    async def _send(self, message):
        # The package answers a payload its schemas refuse with a CALLERROR: each one is a violation.
        global violations
        if message.startswith("[4"):
            violations += 1
            print(f"violation, answered {message}", file=sys.stderr)
        await super()._send(message)


def count_link(connection):
    global connections
    connections += 1
    header = connection.request.headers.get("Authorization")
    if header and header not in authorizations:
        authorizations.append(header)


async def main():
    CountingStation.interval = ARGS.interval
    await serve_until_stdin_closes(link_handler(CountingStation, on_link=count_link))
    decoded = [base64.b64decode(value.split(" ", 1)[1]).decode() for value in authorizations]
    print(json.dumps({"received": received, "violations": violations, "connections": connections,
                      "basic_auth": decoded}), flush=True)


parser = argparse.ArgumentParser()
parser.add_argument("--interval", type=int, default=60)
ARGS = parser.parse_args()
asyncio.run(main())
