/**
 * NetFlow v5 (Cisco "NetFlow Export Datagram Format", version 5): 24-byte header then up to
 * 30 fixed 48-byte records. Times are router uptime ms, anchored by the header's wall clock.
 */
import { readUint } from './template.js';
import { DatagramError } from './errors.js';
import { domainOf, sequenceGap, type ExporterState } from './state.js';
import type { FlowSink } from './sink.js';

export const V5_HEADER_BYTES = 24;
export const V5_RECORD_BYTES = 48;
export const V5_MAX_RECORDS = 30; // Cisco's documented maximum per datagram

export function decodeV5(buf: Uint8Array, exporter: ExporterState, sink: FlowSink): void {
  if (buf.length < V5_HEADER_BYTES) throw new DatagramError('truncated', `v5 header needs 24 bytes, got ${buf.length}`);
  const count = readUint(buf, 2, 2);
  if (count === 0 || count > V5_MAX_RECORDS) throw new DatagramError('bad_length', `v5 count ${count} outside 1..30`);
  if (V5_HEADER_BYTES + count * V5_RECORD_BYTES > buf.length) {
    throw new DatagramError('truncated', `v5 count ${count} needs ${V5_HEADER_BYTES + count * V5_RECORD_BYTES} bytes, got ${buf.length}`);
  }
  const sysUptime = readUint(buf, 4, 4);
  const exportMs = readUint(buf, 8, 4) * 1000 + readUint(buf, 12, 4) / 1e6;
  const sequence = readUint(buf, 16, 4);
  const engine = readUint(buf, 20, 2); // engine_type, engine_id: one sequence space each
  const samplingInterval = readUint(buf, 22, 2) & 0x3fff; // top 2 bits: sampling mode
  const domain = domainOf(exporter, engine);
  exporter.stats.lostFlows += sequenceGap(domain, sequence, exporter.stats);
  domain.expectedSequence = (sequence + count) % 4_294_967_296;
  const row = sink.row;
  row.exporter = exporter.address;
  row.samplingRate = samplingInterval;
  row.ipVersion = 4;
  for (let i = 0; i < count; i++) {
    const at = V5_HEADER_BYTES + i * V5_RECORD_BYTES;
    row.srcV4 = readUint(buf, at, 4);
    row.dstV4 = readUint(buf, at + 4, 4);
    row.inIf = readUint(buf, at + 12, 2);
    row.outIf = readUint(buf, at + 14, 2);
    row.packets = readUint(buf, at + 16, 4);
    row.bytes = readUint(buf, at + 20, 4);
    const startMs = uptimeToMs(readUint(buf, at + 24, 4), sysUptime, exportMs);
    const endMs = uptimeToMs(readUint(buf, at + 28, 4), sysUptime, exportMs);
    row.srcPort = readUint(buf, at + 32, 2);
    row.dstPort = readUint(buf, at + 34, 2);
    row.proto = buf[at + 38]!;
    sink.emit(startMs, endMs < startMs ? startMs : endMs);
  }
  exporter.stats.flows += count;
}

/** Uptime ms → epoch ms, tolerating the 32-bit uptime wrap (~49.7 days). */
export function uptimeToMs(uptime: number, sysUptime: number, exportMs: number): number {
  let delta = uptime - sysUptime;
  if (delta > 2_147_483_648) delta -= 4_294_967_296;
  else if (delta < -2_147_483_648) delta += 4_294_967_296;
  return exportMs + delta;
}

