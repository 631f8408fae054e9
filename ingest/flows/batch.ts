/**
 * Contract 2 in columnar form. Decoders (goflow2 JSON/protobuf, NetFlow v5/v9/IPFIX) fill
 * a FlowBatch; the flow engine reads it column by column. Strings that repeat (exporter,
 * site, operator, IPv6 address) travel as dense ids from the shared FlowDictionaries;
 * IPv4 addresses travel as uint32 so the hot loop never touches a string.
 */
import { Dictionary } from '../../core/dictionary.js';

export interface FlowDictionaries {
  /** Exporter (goflow2 `sampler_address`) as a canonical address string. */
  exporter: Dictionary;
  site: Dictionary;
  operator: Dictionary;
  /** Canonical (RFC 5952) IPv6 address strings. */
  ipv6: Dictionary;
}

export function createFlowDictionaries(): FlowDictionaries {
  return { exporter: new Dictionary(), site: new Dictionary(), operator: new Dictionary(), ipv6: new Dictionary() };
}

export interface FlowBatch {
  length: number;
  /** Exact flow start/end, epoch nanoseconds (goflow2 keeps ns; NetFlow gives ms or better). */
  timeStartNs: BigUint64Array;
  timeEndNs: BigUint64Array;
  /** Same instants as epoch milliseconds (fractional), what the engine windows on. */
  timeStartMs: Float64Array;
  timeEndMs: Float64Array;
  /** Already multiplied by samplingRate (Contract 2). */
  bytes: Float64Array;
  packets: Float64Array;
  samplingRate: Uint32Array;
  proto: Uint8Array;
  srcPort: Uint16Array;
  dstPort: Uint16Array;
  inIf: Uint32Array;
  outIf: Uint32Array;
  /** 4 or 6. */
  ipVersion: Uint8Array;
  /** IPv4 address as uint32 when ipVersion = 4, else 0. */
  srcV4: Uint32Array;
  dstV4: Uint32Array;
  /** dictionaries.ipv6 id when ipVersion = 6, else 0. */
  srcV6: Uint32Array;
  dstV6: Uint32Array;
  /** Dictionary ids; 0 = exporter not in the configured map. */
  exporterId: Uint32Array;
  siteId: Uint32Array;
  operatorId: Uint32Array;
  dictionaries: FlowDictionaries;
}

/** Reasons a flow record or datagram is rejected; counted by name, never silently lost. */
export const FLOW_REJECT_REASONS = [
  'malformed_json', 'missing_field', 'bad_address', 'bad_time', 'bad_number', 'bad_protobuf', 'truncated_frame',
  'bad_version', 'truncated', 'bad_length', 'unknown_template', 'bad_template', 'template_buffer_full',
  'exporter_limit', 'domain_limit',
] as const;
export type FlowRejectReason = (typeof FLOW_REJECT_REASONS)[number];
export type RejectCounts = Partial<Record<FlowRejectReason, number>>;

export function countReject(counts: RejectCounts, reason: FlowRejectReason, n = 1): void {
  counts[reason] = (counts[reason] ?? 0) + n;
}

export function allocFlowBatch(capacity: number, dictionaries: FlowDictionaries): FlowBatch {
  return {
    length: 0,
    timeStartNs: new BigUint64Array(capacity),
    timeEndNs: new BigUint64Array(capacity),
    timeStartMs: new Float64Array(capacity),
    timeEndMs: new Float64Array(capacity),
    bytes: new Float64Array(capacity),
    packets: new Float64Array(capacity),
    samplingRate: new Uint32Array(capacity),
    proto: new Uint8Array(capacity),
    srcPort: new Uint16Array(capacity),
    dstPort: new Uint16Array(capacity),
    inIf: new Uint32Array(capacity),
    outIf: new Uint32Array(capacity),
    ipVersion: new Uint8Array(capacity),
    srcV4: new Uint32Array(capacity),
    dstV4: new Uint32Array(capacity),
    srcV6: new Uint32Array(capacity),
    dstV6: new Uint32Array(capacity),
    exporterId: new Uint32Array(capacity),
    siteId: new Uint32Array(capacity),
    operatorId: new Uint32Array(capacity),
    dictionaries,
  };
}

/** Capacity of a batch's columns (they are all the same length). */
export function flowBatchCapacity(batch: FlowBatch): number {
  return batch.bytes.length;
}

/** One decoded flow before it enters a batch; decoders reuse one instance per stream. */
export interface FlowRow {
  timeStartNs: bigint;
  timeEndNs: bigint;
  /** Raw (sampled) counts; the writer multiplies by samplingRate. */
  bytes: number;
  packets: number;
  samplingRate: number;
  proto: number;
  srcPort: number;
  dstPort: number;
  inIf: number;
  outIf: number;
  ipVersion: number;
  srcV4: number;
  dstV4: number;
  /** Canonical IPv6 strings when ipVersion = 6. */
  srcV6: string;
  dstV6: string;
  exporter: string;
}

export function emptyFlowRow(): FlowRow {
  return {
    timeStartNs: 0n, timeEndNs: 0n, bytes: 0, packets: 0, samplingRate: 1, proto: 0, srcPort: 0, dstPort: 0,
    inIf: 0, outIf: 0, ipVersion: 4, srcV4: 0, dstV4: 0, srcV6: '', dstV6: '', exporter: '',
  };
}
