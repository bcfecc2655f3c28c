"""The official OCPP 1.6 JSON schemas (shipped inside the `ocpp` package) as validators that also check
date-times as RFC 3339, and the CallError codes of OCPP-J 1.6: shared by the conformance CSMS and the
trace checker."""

import json
import os
import re

import ocpp
from jsonschema import Draft4Validator, FormatChecker

SCHEMAS = os.path.join(os.path.dirname(ocpp.__file__), "v16", "schemas")

# OCPP-J 1.6 section 4.2.3; the package's own FormatViolation is OCPP 2.0's word.
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
    """The validator of `<name>.json` (e.g. `BootNotification`, `BootNotificationResponse`)."""
    if name not in validators:
        with open(os.path.join(SCHEMAS, name + ".json")) as schema:
            validators[name] = Draft4Validator(json.load(schema), format_checker=formats)
    return validators[name]
