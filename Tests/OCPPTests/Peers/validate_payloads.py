"""Validates OCPP 1.6 payloads against the official JSON schemas that the `ocpp` package ships.

Input, on stdin: one JSON array per line, `["BootNotification", {...payload...}]`, where the first
element names the schema file (`BootNotification`, `BootNotificationResponse`, ...).
Output, on stdout: one line per input line, `ok` or `invalid: <reason>`.

The folder is hidden because SwiftPM warns about files in a test target that it does not build.
jsonschema checks `date-time` only with an extra package that we do not install, so the RFC 3339
grammar is checked here by a regular expression; `uri` is checked for a scheme.
"""
import decimal
import json
import os
import re
import sys

import jsonschema
import ocpp.v16

SCHEMAS = os.path.join(os.path.dirname(ocpp.v16.__file__), "schemas")
RFC3339 = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)"
    r"(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$"
)
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

checker = jsonschema.FormatChecker()
checker.checks("date-time")(lambda value: not isinstance(value, str) or bool(RFC3339.match(value)))
checker.checks("uri")(lambda value: not isinstance(value, str) or bool(URI.match(value)))

validators = {}


def validator(name):
    if name not in validators:
        with open(os.path.join(SCHEMAS, name + ".json")) as schema:
            validators[name] = jsonschema.Draft4Validator(
                json.load(schema, parse_float=decimal.Decimal), format_checker=checker
            )
    return validators[name]


for line in sys.stdin:
    if not line.strip():
        continue
    # Decimals exactly, so that `multipleOf: 0.1` is checked on the decimal text, not a binary double.
    name, payload = json.loads(line, parse_float=decimal.Decimal)
    errors = sorted(validator(name).iter_errors(payload), key=lambda error: list(error.path))
    if errors:
        print("invalid: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors))
    else:
        print("ok")
