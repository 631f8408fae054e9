#!/usr/bin/env bash
# Regenerates the TypeScript types of the telsentry.v1 API into proto/gen/ (committed, not edited by hand).
# Options match the runtime loader in api/protos.ts: snake_case fields, 64-bit ints as strings (exact), enums as names.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf proto/gen
npx proto-loader-gen-types \
  telsentry/v1/finding.proto telsentry/v1/findings_service.proto telsentry/v1/subscriber_service.proto \
  telsentry/v1/query_service.proto telsentry/v1/watchlist_service.proto telsentry/v1/audit_service.proto \
  --keepCase --longs=String --enums=String --defaults --oneofs --grpcLib=@grpc/grpc-js \
  --importFileExtension=.js --outDir=proto/gen --includeDirs=proto
# Descriptor set served by server reflection (buf includes the well-known types with their real
# file names, which proto-loader's bundled copies lack, so grpcurl can resolve Timestamp/Struct).
npx buf build proto -o proto/gen/telsentry.binpb
