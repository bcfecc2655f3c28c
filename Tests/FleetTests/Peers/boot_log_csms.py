"""A CSMS that a storm test kills and starts again: the Python `ocpp` package's central-system side,
accepting every station, which writes each BootNotification's arrival to a log that outlives it.

Each BootNotification appends `<unix time in seconds> <station id>` to the log file and flushes it, so
that the lines survive a kill. It prints `PORT <n>` when it listens (on --port, or one the system
chooses), and stops when its stdin closes or when it is killed.

Usage: boot_log_csms.py --log FILE [--port N] [--interval SECONDS]
"""
import argparse
import asyncio
import time

from ocpp.routing import on
from ocpp.v16.enums import Action

from csms_peer import AcceptingStation, link_handler, serve_until_stdin_closes


class LoggingStation(AcceptingStation):
    @on(Action.boot_notification)
    def on_boot(self, **fields):
        with open(ARGS.log, "a") as log:
            log.write(f"{time.time():.6f} {self.id}\n")
            log.flush()
        return super().on_boot(**fields)


async def main():
    LoggingStation.interval = ARGS.interval
    await serve_until_stdin_closes(link_handler(LoggingStation), port=ARGS.port)


parser = argparse.ArgumentParser()
parser.add_argument("--log", required=True)
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--interval", type=int, default=60)
ARGS = parser.parse_args()
asyncio.run(main())
