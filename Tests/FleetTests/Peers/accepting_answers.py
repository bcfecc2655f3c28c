"""The answers of a CSMS that accepts everything, for the peers that read raw frames (no `ocpp` package: they
must keep up with many stations, or misbehave on purpose).

A peer imports it from beside itself: Python puts a script's own folder first on sys.path.
"""
from datetime import datetime, timezone


def now():
    """This CSMS's clock, as OCPP writes a date-time."""
    return datetime.now(timezone.utc).isoformat()


class AcceptingAnswers:
    """The payload of the CALLRESULT to each action: every station, badge and transaction accepted,
    transactionIds counting from `first_transaction` across all stations, `interval` as the heartbeat."""

    def __init__(self, interval, first_transaction=1):
        self.interval = interval
        self.next_transaction = first_transaction - 1

    def __call__(self, action):
        if action == "BootNotification":
            return {"status": "Accepted", "currentTime": now(), "interval": self.interval}
        if action == "Heartbeat":
            return {"currentTime": now()}
        if action == "StartTransaction":
            self.next_transaction += 1
            return {"transactionId": self.next_transaction, "idTagInfo": {"status": "Accepted"}}
        if action in ("Authorize", "StopTransaction"):
            return {"idTagInfo": {"status": "Accepted"}}
        return {}
