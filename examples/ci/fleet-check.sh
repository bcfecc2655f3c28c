#!/usr/bin/env bash
# The fleet commands of the CI recipes (github-actions.yml, gitlab-ci.yml): a smoke fleet against the CSMS
# with SLOs, its report kept in REPORT_DIR, then compared with the main branch's last report when there is
# one. Scripts/test runs this same script against the embedded CSMS, so the recipes cannot rot. The Docker
# image installs it as /usr/local/bin/fleet-check.sh beside ocpp-fleet.
#
# Environment (all optional):
#   CSMS_URL              the CSMS under test, e.g. ws://csms:9000/ocpp; empty: the embedded CSMS
#   CSMS_WAIT_S           how long to wait for the CSMS's port to open (60)
#   OCPP_FLEET            the ocpp-fleet binary (ocpp-fleet on PATH)
#   FLEET_PROFILE         a built-in profile or a file (smoke)
#   FLEET_STATIONS        stations (the profile's count)
#   FLEET_DURATION        wall time of the run (60s)
#   FLEET_SPEED           station time compression (60: the profile's hour in a minute)
#   FLEET_SLOS            SLOs separated by ';' ('connected >= 100%;errors < 1%;p99(*) < 5s')
#   REPORT_DIR            where the reports go (fleet-report); keep it as the job's artifact
#   BASELINE              the main branch's report.json (or its folder, or a quoted glob of several);
#                         absent or missing: nothing to compare, the run alone decides
#   FLEET_MAX_REGRESSION  --max-regression of `report compare` (its defaults: see its --help)
#   FLEET_INCONCLUSIVE    what an inconclusive comparison does to the job: pass (default, with a warning)
#                         or fail
#
# Exit: 0 ok; 1 an SLO failed or a regression; 2 bad usage or input; 3 the CSMS could not be reached;
# 4 inconclusive comparison, only with FLEET_INCONCLUSIVE=fail.
set -euo pipefail

fleet=${OCPP_FLEET:-ocpp-fleet}
report_dir=${REPORT_DIR:-fleet-report}
inconclusive=${FLEET_INCONCLUSIVE:-pass}
case "$inconclusive" in
    pass | fail) ;;
    *) echo "fleet-check: FLEET_INCONCLUSIVE must be pass or fail, not '$inconclusive'" >&2; exit 2 ;;
esac

run=(run --profile "${FLEET_PROFILE:-smoke}" --duration "${FLEET_DURATION:-60s}" --speed "${FLEET_SPEED:-60}"
    --report "$report_dir")
if [ -n "${FLEET_STATIONS:-}" ]; then run+=(--stations "$FLEET_STATIONS"); fi
IFS=';' read -r -a slos <<< "${FLEET_SLOS:-connected >= 100%;errors < 1%;p99(*) < 5s}"
for slo in "${slos[@]}"; do
    if [ -n "$slo" ]; then run+=(--slo "$slo"); fi
done

if [ -n "${CSMS_URL:-}" ]; then
    run+=(--csms "$CSMS_URL")
    # A service container may still be starting: wait for its port rather than fail the job at once.
    authority=${CSMS_URL#*://}
    authority=${authority%%/*}
    authority=${authority##*@}
    host=${authority%:*}
    port=${authority##*:}
    if [ "$host" = "$authority" ]; then
        case "$CSMS_URL" in wss://*) port=443 ;; *) port=80 ;; esac
    fi
    deadline=$((SECONDS + ${CSMS_WAIT_S:-60}))
    until (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; do
        if [ $SECONDS -ge $deadline ]; then
            echo "fleet-check: nothing listens on $host:$port after ${CSMS_WAIT_S:-60} s" >&2
            exit 3
        fi
        sleep 1
    done
fi

echo "fleet-check: ocpp-fleet ${run[*]}" >&2
"$fleet" "${run[@]}"

if [ -z "${BASELINE:-}" ] || ! compgen -G "$BASELINE" > /dev/null; then
    echo "fleet-check: no baseline report (BASELINE='${BASELINE:-}'): nothing to compare this run with" >&2
    exit 0
fi
compare=(report compare --baseline "$BASELINE" "$report_dir/report.json" --junit "$report_dir/compare.xml")
if [ -n "${FLEET_MAX_REGRESSION:-}" ]; then compare+=(--max-regression "$FLEET_MAX_REGRESSION"); fi
echo "fleet-check: ocpp-fleet ${compare[*]}" >&2
status=0
"$fleet" "${compare[@]}" | tee "$report_dir/compare.txt" || status=${PIPESTATUS[0]}
if [ "$status" -eq 4 ] && [ "$inconclusive" = pass ]; then
    echo "fleet-check: warning: the comparison is inconclusive (too few samples for a verdict); not failing" >&2
    exit 0
fi
exit "$status"
