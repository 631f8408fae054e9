#!/usr/bin/env bash
# Installs what the integration tests need on a fresh machine (Debian packages, Kafka jars from
# Maven Central, Go tools): runs every deploy/tools.d/*.sh in order. Each script is idempotent:
# it checks first and installs only what is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for script in "$here"/tools.d/*.sh; do
  [ -e "$script" ] || continue
  echo "ensure-tools: $(basename "$script")" >&2
  bash "$script"
done
