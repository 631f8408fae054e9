#!/usr/bin/env bash
# Real NetFlow/IPFIX exporters and a reference collector for test/integration/netflow*.test.ts:
# softflowd (reads a pcap, exports NetFlow v5/v9/IPFIX) and nfdump (nfcapd collector, nfdump reader).
set -euo pipefail
if command -v softflowd >/dev/null 2>&1 && command -v nfcapd >/dev/null 2>&1 && command -v nfdump >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache policy softflowd 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  $SUDO apt-get update
fi
$SUDO apt-get install -y --no-install-recommends softflowd nfdump
