/**
 * goflow2 binary format: varint-length-delimited protobuf `flowpb.FlowMessage`, decoded by
 * field number (netsampler/goflow2 pb/flow.proto): wire-compatible without generated code.
 */
import { formatIPv4, formatIPv6 } from './address.js';
import { countReject, emptyFlowRow, type FlowRow, type RejectCounts } from './batch.js';
import { WireError, WireReader } from './protowire.js';
import type { FlowBatchWriter } from './writer.js';

/** goflow2 FlowMessage field numbers. */
export const FlowMessageField = {
  type: 1, samplingRate: 3, sequenceNum: 4, srcAddr: 6, dstAddr: 7, bytes: 9, packets: 10, samplerAddress: 11,
  inIf: 18, outIf: 19, proto: 20, srcPort: 21, dstPort: 22, etype: 30,
  timeReceivedNs: 110, timeFlowStartNs: 111, timeFlowEndNs: 112,
} as const;

/** One FlowMessage can never be near this large; a bigger length prefix means a corrupt stream. */
export const MAX_FLOW_MESSAGE_BYTES = 65_536;

export class GoflowProtobufDecoder {
  private readonly row: FlowRow = emptyFlowRow();

  constructor(private readonly writer: FlowBatchWriter, readonly rejects: RejectCounts) {}

  /**
   * Decodes every complete frame in buf[start, end); returns the offset of the first byte
   * not consumed (an incomplete trailing frame), or -1 when the stream is corrupt beyond
   * resynchronisation (a length prefix that cannot be a FlowMessage).
   */
  decodeDelimited(buf: Uint8Array, start = 0, end = buf.length): number {
    let pos = start;
    while (pos < end) {
      const reader = new WireReader(buf, pos, end);
      let length: number;
      try {
        length = reader.readVarint();
      } catch {
        return pos; // varint prefix itself incomplete
      }
      if (length > MAX_FLOW_MESSAGE_BYTES) {
        countReject(this.rejects, 'bad_protobuf');
        return -1;
      }
      if (reader.pos + length > end) return pos;
      this.decodeMessage(buf, reader.pos, reader.pos + length);
      pos = reader.pos + length;
    }
    return pos;
  }

  /** Decodes one FlowMessage body; returns false (counted) when rejected. */
  decodeMessage(buf: Uint8Array, start: number, end: number): boolean {
    const row = this.row;
    let received = 0n;
    let startNs = 0n;
    let endNs = 0n;
    let src = -1;
    let srcLen = 0;
    let dst = -1;
    let dstLen = 0;
    let sampler = -1;
    let samplerLen = 0;
    row.bytes = 0; row.packets = 0; row.samplingRate = 0; row.proto = 0;
    row.srcPort = 0; row.dstPort = 0; row.inIf = 0; row.outIf = 0;
    const r = new WireReader(buf, start, end);
    try {
      while (r.pos < end) {
        const key = r.readVarint();
        const field = Math.floor(key / 8);
        const wireType = key & 7;
        if (wireType === 0) {
          switch (field) {
            case FlowMessageField.timeReceivedNs: received = r.readVarintBig(); continue;
            case FlowMessageField.timeFlowStartNs: startNs = r.readVarintBig(); continue;
            case FlowMessageField.timeFlowEndNs: endNs = r.readVarintBig(); continue;
            case FlowMessageField.bytes: row.bytes = r.readVarint(); continue;
            case FlowMessageField.packets: row.packets = r.readVarint(); continue;
            case FlowMessageField.samplingRate: row.samplingRate = clamp(r.readVarint(), 0xffffffff); continue;
            case FlowMessageField.proto: row.proto = clamp(r.readVarint(), 255); continue;
            case FlowMessageField.srcPort: row.srcPort = clamp(r.readVarint(), 65535); continue;
            case FlowMessageField.dstPort: row.dstPort = clamp(r.readVarint(), 65535); continue;
            case FlowMessageField.inIf: row.inIf = clamp(r.readVarint(), 0xffffffff); continue;
            case FlowMessageField.outIf: row.outIf = clamp(r.readVarint(), 0xffffffff); continue;
            default: r.readVarint(); continue;
          }
        }
        if (wireType === 2 && (field === FlowMessageField.srcAddr || field === FlowMessageField.dstAddr || field === FlowMessageField.samplerAddress)) {
          const at = r.readBytesStart();
          const len = r.pos - at;
          if (field === FlowMessageField.srcAddr) { src = at; srcLen = len; }
          else if (field === FlowMessageField.dstAddr) { dst = at; dstLen = len; }
          else { sampler = at; samplerLen = len; }
          continue;
        }
        r.skip(wireType);
      }
    } catch (error) {
      if (!(error instanceof WireError)) throw error;
      countReject(this.rejects, 'bad_protobuf');
      return false;
    }
    const flowStart = startNs || received;
    if (flowStart === 0n) return this.reject('bad_time');
    row.timeStartNs = flowStart;
    row.timeEndNs = endNs < flowStart ? flowStart : endNs;
    if (sampler < 0 || src < 0 || dst < 0) return this.reject('missing_field');
    const exporter = addressText(buf, sampler, samplerLen);
    if (exporter === null) return this.reject('bad_address');
    row.exporter = exporter;
    if (srcLen === 4 && dstLen === 4) {
      row.ipVersion = 4;
      row.srcV4 = readU32(buf, src);
      row.dstV4 = readU32(buf, dst);
    } else if (srcLen === 16 && dstLen === 16) {
      row.ipVersion = 6;
      row.srcV6 = formatIPv6(buf, src);
      row.dstV6 = formatIPv6(buf, dst);
    } else {
      return this.reject('bad_address');
    }
    this.writer.appendRow(row);
    return true;
  }

  private reject(reason: 'bad_time' | 'missing_field' | 'bad_address'): boolean {
    countReject(this.rejects, reason);
    return false;
  }
}

function clamp(value: number, max: number): number {
  if (value > max) throw new WireError(`value ${value} above ${max}`);
  return value;
}

function readU32(buf: Uint8Array, at: number): number {
  return ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
}

/** goflow2 keeps IPv4 samplers as 4 bytes (sometimes IPv4-mapped in 16); both become dotted quads. */
function addressText(buf: Uint8Array, at: number, len: number): string | null {
  if (len === 4) return formatIPv4(readU32(buf, at));
  if (len !== 16) return null;
  let mapped = buf[at + 10] === 0xff && buf[at + 11] === 0xff;
  for (let i = 0; i < 10 && mapped; i++) if (buf[at + i] !== 0) mapped = false;
  return mapped ? formatIPv4(readU32(buf, at + 12)) : formatIPv6(buf, at);
}
