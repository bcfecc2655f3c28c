#!/bin/sh
# Gathers the report of every shard of a fleet Job from its pods' logs (see shard.sh) and merges them
# into one report with `ocpp-fleet report merge`:
#
#   deploy/kubernetes/gather.sh [JOB [OUT]]     # defaults: ocpp-fleet, ./fleet-report
#
# Run it once the Job is complete (kubectl wait --for=condition=complete job/JOB). A shard retried by
# Kubernetes has several pods: the report of the last pod listed wins. KUBECTL names another kubectl
# (e.g. "kubectl --context load-test -n csms").
set -eu
job="${1:-ocpp-fleet}"
out="${2:-fleet-report}"
kubectl="${KUBECTL:-kubectl}"
shards=$(mktemp -d)
trap 'rm -rf "$shards"' EXIT

for pod in $($kubectl get pods -l "job-name=$job" -o name); do
    $kubectl logs "$pod" | awk -v dir="$shards" '
        /^----- BEGIN ocpp-fleet report / { split($5, shard, "/"); file = dir "/" shard[1] ".b64"; printf "" > file; next }
        /^----- END ocpp-fleet report / { close(file); file = ""; next }
        file != "" { print > file }'
done

found=0
for encoded in "$shards"/*.b64; do
    [ -e "$encoded" ] || continue
    folder="${encoded%.b64}"
    mkdir -p "$folder"
    base64 -d "$encoded" | gzip -dc > "$folder/report.json"
    found=$((found + 1))
done
if [ "$found" -eq 0 ]; then
    echo "gather.sh: no shard report in the logs of job $job" >&2
    exit 2
fi
echo "gather.sh: $found shard reports from job $job" >&2
# shellcheck disable=SC2046
ocpp-fleet report merge $(find "$shards" -mindepth 1 -maxdepth 1 -type d | sort) --out "$out"
