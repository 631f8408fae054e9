#!/usr/bin/env bash
# Tools for test/integration/prometheus*.test.ts and the deploy/ checks:
#  - Debian's prometheus (prometheus, promtool) and prometheus-alertmanager (alertmanager, amtool);
#    the system services they ship are stopped and disabled: tests run the binaries themselves.
#  - kubeconform (Go module proxy) into a project-local GOBIN: .cache/bin/kubeconform.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1 \
  || ! command -v amtool >/dev/null 2>&1 || ! command -v prometheus-alertmanager >/dev/null 2>&1; then
  if ! apt-cache policy prometheus 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    $SUDO apt-get -o DPkg::Lock::Timeout=600 update
  fi
  # policy-rc.d 101 keeps dpkg from starting the packaged services (no init system in CI either way).
  POLICY=/usr/sbin/policy-rc.d
  CREATED_POLICY=0
  if [ ! -e "$POLICY" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
    $SUDO chmod +x "$POLICY"
    CREATED_POLICY=1
  fi
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends prometheus prometheus-alertmanager || {
    [ "$CREATED_POLICY" = 1 ] && $SUDO rm -f "$POLICY"
    exit 1
  }
  [ "$CREATED_POLICY" = 1 ] && $SUDO rm -f "$POLICY"
fi

GOBIN_DIR="$ROOT/.cache/bin"
if [ ! -x "$GOBIN_DIR/kubeconform" ] && command -v go >/dev/null 2>&1; then
  mkdir -p "$GOBIN_DIR"
  GOBIN="$GOBIN_DIR" GOFLAGS=-mod=mod go install github.com/yannh/kubeconform/cmd/kubeconform@latest \
    || echo "observability.sh: kubeconform could not be installed; deploy checks fall back to structure tests" >&2
fi
exit 0
