"""Validates frames a station sent against the official OCPP 1.6 JSON schemas shipped in the `ocpp` package.

Reads JSON lines on stdin, each `{"action": "...", "kind": "call" | "callResult", "frame": <the frame>}`;
prints how many were checked and every violation, and exits 1 if there is one. Decimals are read as
Decimal, as the `ocpp` package does, so that `multipleOf: 0.1` is checked exactly.
"""
import json
import pathlib
import sys
from decimal import Decimal

import jsonschema
import ocpp.v16

SCHEMAS = pathlib.Path(ocpp.v16.__file__).parent / "schemas"
validators = {}


def validator(name):
    if name not in validators:
        schema = json.loads((SCHEMAS / f"{name}.json").read_text(), parse_float=Decimal)
        validators[name] = jsonschema.Draft4Validator(schema)
    return validators[name]


checked = 0
failures = []
for line in sys.stdin:
    if not line.strip():
        continue
    entry = json.loads(line, parse_float=Decimal)
    frame = entry["frame"]
    if entry["kind"] == "call":
        name, payload = frame[2], frame[3]
    else:
        name, payload = entry["action"] + "Response", frame[2]
    checked += 1
    for error in validator(name).iter_errors(payload):
        failures.append(f"{name}: {error.message} in {json.dumps(frame, default=str)[:300]}")

print(f"checked {checked}")
for failure in failures[:20]:
    print(failure)
sys.exit(1 if failures else 0)
