"""Checks every frame of a simulation trace against the official OCPP 1.6 JSON schemas (from the `ocpp`
package).

Usage: validate_trace.py TRACE.jsonl. A CALL is checked against <Action>.json, the CALLRESULT that answers
it (same station, same message id) against <Action>Response.json, a CALLERROR's code against the OCPP-J 1.6
list. Prints one JSON object: {"checked": N, "actions": [...], "violations": ["...", ...]}.
"""
import json
import sys

from ocpp16_schemas import ERROR_CODES, validator

pending = {}
violations = []
actions = set()
checked = 0
with open(sys.argv[1]) as trace:
    for number, text in enumerate(trace, 1):
        line = json.loads(text)
        frame, station = line["frame"], line["station"]
        kind, message_id = frame[0], frame[1]
        if kind == 2:
            action, payload = frame[2], frame[3]
            pending[(station, message_id)] = action
            schema = action
        elif kind == 3:
            action = pending.pop((station, message_id), None)
            if action is None:
                violations.append(f"line {number}: answer to no call")
                continue
            payload = frame[2]
            schema = action + "Response"
        else:
            pending.pop((station, message_id), None)
            if frame[2] not in ERROR_CODES:
                violations.append(f"line {number}: error code {frame[2]}")
            checked += 1
            continue
        actions.add(action)
        for error in validator(schema).iter_errors(payload):
            violations.append(f"line {number}: {schema}: {error.message}")
        checked += 1

print(json.dumps({"checked": checked, "actions": sorted(actions), "violations": violations[:20]}))
