# ocpp-fleet in a container, so that a CI job can use it without building it (see examples/ci/).
#   docker build -t ocpp-fleet .
#   docker run --rm --network host ocpp-fleet ocpp-fleet run --csms ws://127.0.0.1:9000/ocpp --profile smoke
#   docker run --rm --network host -e CSMS_URL=ws://127.0.0.1:9000/ocpp -v "$PWD:/work" ocpp-fleet fleet-check.sh
# The binary holds every profile of Profiles/ (--profile NAME); the files are also in /usr/share/ocpp-fleet/.
# deploy/kubernetes/fleet-job.yaml runs this image's ocpp-fleet-shard (deploy/kubernetes/shard.sh).

ARG SWIFT_VERSION=6.3

# Build with the official Swift image: the Swift runtime and Foundation linked in statically, TLS from the
# system's OpenSSL (libssl-dev here, libssl3 at run time).
FROM swift:${SWIFT_VERSION}-bookworm AS build
RUN apt-get update \
    && apt-get install --yes --no-install-recommends libssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The whole package (Package.swift names the test and benchmark folders too); .dockerignore keeps builds,
# the virtualenv and reports out.
COPY . .
RUN swift build --configuration release --product ocpp-fleet --static-swift-stdlib \
    && install -D .build/release/ocpp-fleet /out/ocpp-fleet

# Run on a slim Debian of the same release: the binary, its profiles, the CI script, and what they need
# (libssl3 for wss://, CA certificates to verify a CSMS's, curl for CI jobs fetching a baseline report).
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install --yes --no-install-recommends libssl3 ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /work fleet \
    && mkdir -p /work && chown fleet /work
COPY --from=build /out/ocpp-fleet /usr/local/bin/ocpp-fleet
COPY Profiles/ /usr/share/ocpp-fleet/profiles/
COPY examples/ci/fleet-check.sh /usr/local/bin/fleet-check.sh
COPY deploy/kubernetes/shard.sh /usr/local/bin/ocpp-fleet-shard
USER fleet
WORKDIR /work
CMD ["ocpp-fleet", "--help"]
