#!/usr/bin/env bash
# Apache Kafka broker jars (Maven Central, via Maven) for test/integration/kafka*.test.ts.
# Idempotent: deploy/kafka/kafka.sh fetch returns at once when the jars are cached.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v mvn >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-cache policy maven 2>/dev/null | grep -q 'Candidate: [0-9]'; then $SUDO apt-get update; fi
  $SUDO apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven
fi
exec "$HERE/../kafka/kafka.sh" fetch
