#!/usr/bin/env bash
# Tools for test/integration/prometheus*.test.ts and the deploy/ checks:
#  - Debian's prometheus (prometheus, promtool) and prometheus-alertmanager (alertmanager, amtool);
#    the system services they ship are stopped and disabled: tests run the binaries themselves.
#  - Debian's docker-compose (v1, Python) for `docker-compose config` where the compose plugin is absent.
#  - kubeconform (Go module proxy) into a project-local GOBIN: .cache/bin/kubeconform.
#  - Kubernetes JSON schemas for kubeconform, offline: the PyPI package kubernetes-validate ships
#    them; its refs ("/api/_definitions.json") are rewritten to absolute file:// URLs into
#    .cache/k8s-schemas/v<version>-standalone-strict/, the layout kubeconform's -schema-location expects.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1 \
  || ! command -v amtool >/dev/null 2>&1 || ! command -v prometheus-alertmanager >/dev/null 2>&1 \
  || ! command -v docker-compose >/dev/null 2>&1; then
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
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends prometheus prometheus-alertmanager docker-compose python3-venv || {
    [ "$CREATED_POLICY" = 1 ] && $SUDO rm -f "$POLICY"
    exit 1
  }
  [ "$CREATED_POLICY" = 1 ] && $SUDO rm -f "$POLICY"
fi

GOBIN_DIR="$ROOT/.cache/bin"
if [ ! -x "$GOBIN_DIR/kubeconform" ] && command -v go >/dev/null 2>&1; then
  mkdir -p "$GOBIN_DIR"
  GOBIN="$GOBIN_DIR" GOFLAGS=-mod=mod go install github.com/yannh/kubeconform/cmd/kubeconform@latest \
    || echo "observability.sh: kubeconform could not be installed; the manifest test will fail until it is" >&2
fi
K8S_VERSION=1.37.0
SCHEMA_DIR="$ROOT/.cache/k8s-schemas/v$K8S_VERSION-standalone-strict"
if [ ! -f "$SCHEMA_DIR/statefulset-apps-v1.json" ]; then
  VENV="$ROOT/.cache/venv"
  if [ ! -x "$VENV/bin/pip" ]; then
    python3 -c 'import ensurepip' 2>/dev/null || $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends python3-venv
    rm -rf "$VENV" && python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install -q "kubernetes-validate==$K8S_VERSION"
  SRC="$("$VENV/bin/python" -c 'import kubernetes_validate, os; print(os.path.dirname(kubernetes_validate.__file__))')/kubernetes-json-schema/v$K8S_VERSION-local-strict"
  mkdir -p "$SCHEMA_DIR.tmp"
  for f in "$SRC"/*.json; do
    sed "s#\"/api/_definitions.json#\"file://$SCHEMA_DIR/_definitions.json#g" "$f" > "$SCHEMA_DIR.tmp/$(basename "$f")"
  done
  rm -rf "$SCHEMA_DIR" && mv "$SCHEMA_DIR.tmp" "$SCHEMA_DIR"
fi
exit 0
