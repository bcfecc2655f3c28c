#!/bin/sh
# One shard of a fleet run as a Kubernetes Indexed Job (fleet-job.yaml): runs shard
# JOB_COMPLETION_INDEX+1 of SHARDS against CSMS_URL with the container's arguments (the same for every
# shard: --stations, --profile, --duration, --seed...), then prints its report.json into the pod's log,
# gzipped and in base64 between two marker lines, where gather.sh finds it.
set -u
: "${CSMS_URL:?set CSMS_URL to the CSMS under test, ws://... or wss://...}"
: "${SHARDS:?set SHARDS to the Job's completions}"
: "${JOB_COMPLETION_INDEX:?set by Kubernetes in an Indexed Job}"
shard="$((JOB_COMPLETION_INDEX + 1))/$SHARDS"
report="${REPORT_DIR:-/tmp/ocpp-fleet-report}"

ocpp-fleet run --csms "$CSMS_URL" --shard "$shard" --report "$report" "$@" &
pid=$!
# Kubernetes stops a pod with SIGTERM: the run then stops its stations, and its report says interrupted.
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
wait "$pid"
code=$?
# A trapped signal ends `wait` early: wait again for the run's own end.
while kill -0 "$pid" 2>/dev/null; do
    wait "$pid"
    code=$?
done

if [ -f "$report/report.json" ]; then
    echo "----- BEGIN ocpp-fleet report $shard -----"
    gzip -c "$report/report.json" | base64
    echo "----- END ocpp-fleet report $shard -----"
fi
exit "$code"
