#!/usr/bin/env bash
# One benchmark command against the baseline: ocpp-fleet and a Python fleet written the usual way (asyncio +
# websockets + the ocpp package, python_fleet.py here), one after the other against the same `ocpp-fleet
# csms` on loopback, and one table of both with their ratios. About 5–8 minutes; --quick: under a minute.
#
#   Benchmarks/Baseline/compare.sh [--quick] [--json FILE] [options of compare.py: --help]
#
# Builds the release binary (swift build -c release: a no-op when it is up to date) and installs the
# baseline's packages into .venv/ from PyPI when they are missing (the versions of Tests/requirements.txt).
# OCPP_FLEET=PATH uses that binary instead and builds nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
fail() { echo "compare: $*" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv || fail "cannot create .venv/ (python3 -m venv; on Debian: apt-get install python3-venv)"
fi
if ! .venv/bin/python -c 'import ocpp, websockets' 2>/dev/null; then
    grep -E '^(ocpp|websockets)==' Tests/requirements.txt >.venv/baseline-requirements.txt
    .venv/bin/pip install --quiet --disable-pip-version-check -r .venv/baseline-requirements.txt \
        || fail "cannot install ocpp and websockets into .venv/"
fi
binary=${OCPP_FLEET:-}
if [ -z "$binary" ]; then
    if ! log=$(swift build -c release --product ocpp-fleet 2>&1); then
        echo "$log" | tail -20 >&2
        fail "the release build failed"
    fi
    binary="$root/.build/release/ocpp-fleet"
fi
[ -x "$binary" ] || fail "no ocpp-fleet binary at $binary"
exec .venv/bin/python Benchmarks/Baseline/compare.py --binary "$binary" --python "$root/.venv/bin/python" "$@"
