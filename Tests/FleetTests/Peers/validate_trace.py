"""Checks every frame of a simulation trace against the official OCPP 1.6 JSON schemas (from the `ocpp`
package).

Usage: validate_trace.py TRACE.jsonl. A CALL is checked against <Action>.json, the CALLRESULT that answers
it (same station, same message id) against <Action>Response.json, a CALLERROR's code against the OCPP-J 1.6
list. Prints one JSON object: {"checked": N, "actions": [...], "violations": ["...", ...]}.
"""
import json
import os
import re
import sys

import ocpp
from jsonschema import Draft4Validator, FormatChecker

SCHEMAS = os.path.join(os.path.dirname(ocpp.__file__), "v16", "schemas")

# OCPP-J 1.6 section 4.2.3 (the package itself uses OCPP 2.0's FormatViolation).
ERROR_CODES = {
    "NotImplemented", "NotSupported", "InternalError", "ProtocolError", "SecurityError",
    "FormationViolation", "PropertyConstraintViolation", "OccurenceConstraintViolation",
    "TypeConstraintViolation", "GenericError",
}

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
formats = FormatChecker()


@formats.checks("date-time")
def is_date_time(value):
    return not isinstance(value, str) or RFC3339.match(value) is not None


validators = {}


def validator(name):
    if name not in validators:
        with open(os.path.join(SCHEMAS, name + ".json")) as schema:
            validators[name] = Draft4Validator(json.load(schema), format_checker=formats)
    return validators[name]


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
