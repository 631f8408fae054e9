#!/usr/bin/env bash
# Real gRPC clients for test/integration/grpc*.test.ts, written by nobody here:
#  - Python grpcio (Debian python3-grpcio), driven by a small script that parses no .proto:
#    it sends hand-encoded protobuf bytes.
#  - grpcurl (Go module proxy) into a project-local GOBIN: .cache/bin/grpcurl; it learns the
#    API through server reflection.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

PYTHON=/usr/bin/python3
if [ ! -x "$PYTHON" ]; then PYTHON=python3; fi
# Debian's package installs into the system interpreter, not into a pyenv/venv one.
if ! "$PYTHON" -c 'import grpc' >/dev/null 2>&1; then
  if ! apt-cache policy python3-grpcio 2>/dev/null | grep -q 'Candidate: [0-9]'; then $SUDO apt-get update; fi
  $SUDO apt-get install -y --no-install-recommends python3-grpcio
fi

if [ ! -x "$ROOT/.cache/bin/grpcurl" ]; then
  if ! command -v go >/dev/null 2>&1; then
    if ! apt-cache policy golang-go 2>/dev/null | grep -q 'Candidate: [0-9]'; then $SUDO apt-get update; fi
    $SUDO apt-get install -y --no-install-recommends golang-go
  fi
  mkdir -p "$ROOT/.cache/bin" "$ROOT/.cache/go-mod" "$ROOT/.cache/go-build"
  GOBIN="$ROOT/.cache/bin" GOMODCACHE="$ROOT/.cache/go-mod" GOCACHE="$ROOT/.cache/go-build" GOFLAGS=-modcacherw \
    go install github.com/fullstorydev/grpcurl/cmd/grpcurl@latest
fi
