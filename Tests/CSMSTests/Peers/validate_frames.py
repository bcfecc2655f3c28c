"""Checks OCPP-J 1.6 frames against the official JSON schemas shipped in the `ocpp` package.

Reads JSON lines on stdin, each {"action": "<Action>", "frame": "<frame text>"}: `action` names the action
the frame belongs to (the Call it answers, for a CallResult). CallResult payloads are checked against
`<Action>Response.json`, Call payloads against `<Action>.json`, CallErrors against the OCPP-J 1.6 error
table. Prints one JSON object: {"checked": N, "violations": ["...", ...]}.
"""
import json
import os
import re
import sys

import ocpp
from jsonschema import Draft4Validator, FormatChecker

SCHEMAS = os.path.join(os.path.dirname(ocpp.__file__), "v16", "schemas")

# OCPP-J 1.6, section 4.2.3, table "Valid Error Codes": 1.6 spells FormationViolation and
# OccurenceConstraintViolation this way (the `ocpp` package uses OCPP 2.0's FormatViolation).
ERROR_CODES = {
    "NotImplemented", "NotSupported", "InternalError", "ProtocolError", "SecurityError",
    "FormationViolation", "PropertyConstraintViolation", "OccurenceConstraintViolation",
    "TypeConstraintViolation", "GenericError",
}

# jsonschema checks "date-time" only with an optional package; RFC 3339 by hand instead.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
checker = FormatChecker()


@checker.checks("date-time")
def is_date_time(value):
    return not isinstance(value, str) or RFC3339.match(value) is not None


validators = {}


def validator(name):
    if name not in validators:
        with open(os.path.join(SCHEMAS, name + ".json"), encoding="utf-8") as f:
            validators[name] = Draft4Validator(json.load(f), format_checker=checker)
    return validators[name]


def violations_of(action, text):
    frame = json.loads(text)
    if not isinstance(frame, list) or not frame or frame[0] not in (2, 3, 4):
        return ["not an OCPP-J frame"]
    if not isinstance(frame[1], str) or not 0 < len(frame[1]) <= 36:
        return ["bad unique id %r" % (frame[1],)]
    kind = frame[0]
    if kind == 2:
        if len(frame) != 4 or frame[2] != action:
            return ["Call must be [2, id, %r, payload]" % action]
        return [e.message for e in validator(action).iter_errors(frame[3])]
    if kind == 3:
        if len(frame) != 3:
            return ["CallResult must be [3, id, payload]"]
        return [e.message for e in validator(action + "Response").iter_errors(frame[2])]
    problems = []
    if len(frame) != 5:
        return ["CallError must be [4, id, code, description, details]"]
    if frame[2] not in ERROR_CODES:
        problems.append("error code %r is not in OCPP-J 1.6" % frame[2])
    if not isinstance(frame[3], str):
        problems.append("error description must be a string")
    if not isinstance(frame[4], dict):
        problems.append("error details must be an object")
    return problems


checked = 0
violations = []
for line in sys.stdin:
    if not line.strip():
        continue
    item = json.loads(line)
    checked += 1
    try:
        found = violations_of(item["action"], item["frame"])
    except (ValueError, OSError) as error:
        found = [str(error)]
    violations.extend("%s %s: %s" % (item["action"], item["frame"], v) for v in found)
print(json.dumps({"checked": checked, "violations": violations}))
