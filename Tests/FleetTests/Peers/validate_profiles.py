"""Validates each profile named on the command line against Profiles/profile.schema.json.

Prints one line per file: "<file> ok" or "<file> <n> errors: <first message>"; exits 1 if any fails.
"""
import json
import sys

import jsonschema

schema = json.load(open("Profiles/profile.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = False
for path in sys.argv[1:]:
    errors = list(validator.iter_errors(json.load(open(path))))
    if errors:
        failed = True
        print(f"{path} {len(errors)} errors: {errors[0].message}")
    else:
        print(f"{path} ok")
sys.exit(1 if failed else 0)
