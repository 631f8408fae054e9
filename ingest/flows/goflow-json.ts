/**
 * goflow2 JSON lines (`-format=json`), field names as goflow2 writes them. 64-bit
 * nanosecond times exceed 2^53, so they are quoted before JSON.parse and read as BigInt:
 * `time_flow_start_ns` stays exact to the nanosecond. RFC 3339 strings (goflow2's
 * `datetimenano` renderer) are read exactly too.
 */
import { canonicalAddress, parseIPv4, parseIPv6, formatIPv6 } from './address.js';
import { countReject, emptyFlowRow, type FlowRejectReason, type FlowRow, type RejectCounts } from './batch.js';
import type { FlowBatchWriter } from './writer.js';

const BIG_NS_FIELD = /"(time_received_ns|time_flow_start_ns|time_flow_end_ns)"\s*:\s*(\d+)/g;
const UINT64_MAX = 0xffffffffffffffffn;
const MAX_CACHED_EXPORTERS = 4096;

/** goflow2's ProtoRenderer / EtypeRenderer names (producer/proto/render.go). */
const PROTO_BY_NAME: Record<string, number> = { ICMP: 1, TCP: 6, UDP: 17, ICMPv6: 58, SCTP: 132 };
const ETYPE_BY_NAME: Record<string, number> = { IPv4: 0x800, IPv6: 0x86dd, ARP: 0x806 };

class Reject extends Error {
  constructor(readonly reason: FlowRejectReason) {
    super(reason);
  }
}

export class GoflowJsonDecoder {
  private readonly row: FlowRow = emptyFlowRow();
  /** sampler_address text → canonical form; a handful of exporters repeat on every line. */
  private readonly exporterText = new Map<string, string | null>();

  constructor(private readonly writer: FlowBatchWriter, readonly rejects: RejectCounts) {}

  /** Decodes one line; returns false (and counts the reason) when the flow is rejected. */
  decodeLine(line: string): boolean {
    let message: unknown;
    try {
      message = JSON.parse(line.replace(BIG_NS_FIELD, '"$1":"$2"'));
    } catch {
      countReject(this.rejects, 'malformed_json');
      return false;
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      countReject(this.rejects, 'malformed_json');
      return false;
    }
    try {
      this.fillRow(message as Record<string, unknown>);
    } catch (error) {
      if (error instanceof Reject) {
        countReject(this.rejects, error.reason);
        return false;
      }
      throw error;
    }
    this.writer.appendRow(this.row);
    return true;
  }

  private fillRow(m: Record<string, unknown>): void {
    const row = this.row;
    const received = optionalNs(m.time_received_ns);
    const start = optionalNs(m.time_flow_start_ns) || received;
    const end = optionalNs(m.time_flow_end_ns) || start;
    if (start === 0n) throw new Reject('bad_time');
    row.timeStartNs = start;
    row.timeEndNs = end < start ? start : end;
    row.bytes = requiredCount(m.bytes);
    row.packets = requiredCount(m.packets);
    row.samplingRate = optionalUint(m.sampling_rate, 0xffffffff);
    row.proto = named(m.proto, PROTO_BY_NAME, 255);
    row.srcPort = optionalUint(m.src_port, 65535);
    row.dstPort = optionalUint(m.dst_port, 65535);
    row.inIf = optionalUint(m.in_if, 0xffffffff);
    row.outIf = optionalUint(m.out_if, 0xffffffff);
    if (typeof m.sampler_address !== 'string' || m.sampler_address === '') throw new Reject('missing_field');
    let exporter = this.exporterText.get(m.sampler_address);
    if (exporter === undefined) {
      exporter = canonicalAddress(m.sampler_address);
      if (this.exporterText.size < MAX_CACHED_EXPORTERS) this.exporterText.set(m.sampler_address, exporter);
    }
    if (exporter === null) throw new Reject('bad_address');
    row.exporter = exporter;
    const etype = named(m.etype, ETYPE_BY_NAME, 0xffff);
    this.fillAddresses(m.src_addr, m.dst_addr, etype);
  }

  private fillAddresses(src: unknown, dst: unknown, etype: number): void {
    if (typeof src !== 'string' || typeof dst !== 'string' || src === '' || dst === '') throw new Reject('missing_field');
    const row = this.row;
    const src4 = parseIPv4(src);
    const dst4 = parseIPv4(dst);
    if (src4 >= 0 && dst4 >= 0 && etype !== 0x86dd) {
      row.ipVersion = 4;
      row.srcV4 = src4;
      row.dstV4 = dst4;
      return;
    }
    const src6 = parseIPv6(src);
    const dst6 = parseIPv6(dst);
    if (src6 === null || dst6 === null) throw new Reject('bad_address');
    row.ipVersion = 6;
    row.srcV6 = formatIPv6(src6);
    row.dstV6 = formatIPv6(dst6);
  }
}

/** goflow2's `datetimenano` renderer writes RFC 3339 with up to 9 fraction digits. */
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

function optionalNs(value: unknown): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) {
    const ns = BigInt(value);
    if (ns <= UINT64_MAX) return ns;
  }
  if (typeof value === 'string') {
    const m = RFC3339.exec(value);
    const seconds = m ? Date.parse(`${m[1]}${m[3]}`) : NaN;
    if (m && !Number.isNaN(seconds) && seconds >= 0) return BigInt(seconds) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw new Reject('bad_time');
}

function requiredCount(value: unknown): number {
  if (value === undefined || value === null) throw new Reject('missing_field');
  const n = typeof value === 'string' && /^\d{1,20}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new Reject('bad_number');
  return n;
}

function optionalUint(value: unknown, max: number): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) throw new Reject('bad_number');
  return value;
}

/** A number, or one of goflow2's rendered names; '' and unknown names are 0 (goflow2 renders unmapped values as ''). */
function named(value: unknown, names: Record<string, number>, max: number): number {
  if (typeof value === 'string') return names[value] ?? 0;
  return optionalUint(value, max);
}
