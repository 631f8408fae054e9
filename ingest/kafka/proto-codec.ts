/**
 * `telsentry.v1.CdrBatch` (proto/telsentry/v1/cdr.proto) with protobufjs reflection. The
 * .proto is found by walking up from this module, so the same code runs from the source
 * tree (vitest) and from dist/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const PROTO_RELATIVE = join('proto', 'telsentry', 'v1', 'cdr.proto');

function findProto(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, PROTO_RELATIVE);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`cannot find ${PROTO_RELATIVE} above ${fileURLToPath(import.meta.url)}`);
}

let cdrBatchType: protobuf.Type | null = null;

/** The reflected CdrBatch type, loaded once. */
export function cdrBatchProto(): protobuf.Type {
  if (cdrBatchType === null) {
    // keepCase: Contract 1 field names (record_id), not protobufjs's default camelCase.
    const root = new protobuf.Root().loadSync(findProto(), { keepCase: true });
    cdrBatchType = root.lookupType('telsentry.v1.CdrBatch');
  }
  return cdrBatchType;
}

/** protobufjs yields int64 as Long (when `long` is installed) or number; epoch ms fit in 2^53. */
export function int64ToNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value !== null && typeof value === 'object' && 'toNumber' in value) {
    const long = value as { high: number; toNumber(): number };
    // |value| < 2^53 ⇔ high word within ±2^21: outside that a double would round.
    if (long.high >= 2_097_152 || long.high < -2_097_152) return NaN;
    return long.toNumber();
  }
  return NaN;
}
