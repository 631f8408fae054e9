/**
 * Hand-built NetFlow v5 / v9 / IPFIX datagrams for tests, byte by byte per the specs
 * (Cisco v5 format, RFC 3954, RFC 7011), and a helper that decodes them into plain rows.
 */
import { createFlowDictionaries, type FlowBatch } from '../../../ingest/flows/batch.js';
import { ExporterMap, type ExporterConfig } from '../../../ingest/flows/exporters.js';
import { NetflowDecoder } from '../../../ingest/flows/netflow/decoder.js';
import { FlowBatchWriter } from '../../../ingest/flows/writer.js';
import { formatIPv4 } from '../../../ingest/flows/address.js';

export const u8 = (v: number): Buffer => Buffer.from([v & 255]);
export const u16 = (v: number): Buffer => { const b = Buffer.alloc(2); b.writeUInt16BE(v); return b; };
export const u32 = (v: number): Buffer => { const b = Buffer.alloc(4); b.writeUInt32BE(v >>> 0); return b; };
export const u64 = (v: number): Buffer => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(v)); return b; };
export const ip4 = (text: string): Buffer => Buffer.from(text.split('.').map(Number));
export const ip6 = (hex32: string): Buffer => Buffer.from(hex32, 'hex');

export interface V5Record { src: string; dst: string; packets: number; bytes: number; first: number; last: number; srcPort: number; dstPort: number; proto: number }

export function v5Packet(h: { sequence: number; sysUptime: number; unixSecs: number; unixNsecs?: number; engine?: number; sampling?: number }, records: V5Record[]): Buffer {
  const header = Buffer.concat([u16(5), u16(records.length), u32(h.sysUptime), u32(h.unixSecs), u32(h.unixNsecs ?? 0), u32(h.sequence), u16(h.engine ?? 0), u16(h.sampling ?? 0)]);
  const body = records.map((r) => Buffer.concat([
    ip4(r.src), ip4(r.dst), ip4('0.0.0.0'), u16(1), u16(2), u32(r.packets), u32(r.bytes), u32(r.first), u32(r.last),
    u16(r.srcPort), u16(r.dstPort), u8(0), u8(0x18), u8(r.proto), u8(0), u16(0), u16(0), u8(24), u8(24), u16(0),
  ]));
  return Buffer.concat([header, ...body]);
}

/** A set (flowset) with id and body, zero-padded to a 4-byte boundary (RFC 3954 §5.3). */
export function set(id: number, body: Buffer, pad = true): Buffer {
  const padding = pad ? (4 - ((body.length + 4) % 4)) % 4 : 0;
  return Buffer.concat([u16(id), u16(body.length + 4 + padding), body, Buffer.alloc(padding)]);
}

/** Template record: id, count, (type, length)*; a type above 0x7fff carries an enterprise number (IPFIX). */
export function templateRecord(id: number, fields: [number, number, number?][]): Buffer {
  return Buffer.concat([u16(id), u16(fields.length), ...fields.map(([type, length, pen]) => Buffer.concat([u16(type), u16(length), ...(pen === undefined ? [] : [u32(pen)])]))]);
}

export function v9OptionsTemplate(id: number, scope: [number, number][], options: [number, number][]): Buffer {
  const spec = (fs: [number, number][]): Buffer => Buffer.concat(fs.map(([t, l]) => Buffer.concat([u16(t), u16(l)])));
  return Buffer.concat([u16(id), u16(scope.length * 4), u16(options.length * 4), spec(scope), spec(options)]);
}

export function ipfixOptionsTemplate(id: number, scopeCount: number, fields: [number, number][]): Buffer {
  return Buffer.concat([u16(id), u16(fields.length), u16(scopeCount), ...fields.map(([t, l]) => Buffer.concat([u16(t), u16(l)]))]);
}

export function v9Packet(h: { sequence: number; sourceId: number; sysUptime: number; unixSecs: number }, sets: Buffer[], count = sets.length): Buffer {
  return Buffer.concat([u16(9), u16(count), u32(h.sysUptime), u32(h.unixSecs), u32(h.sequence), u32(h.sourceId), ...sets]);
}

export function ipfixMessage(h: { sequence: number; domain: number; exportSecs: number }, sets: Buffer[], lengthOverride?: number): Buffer {
  const body = Buffer.concat(sets);
  return Buffer.concat([u16(10), u16(lengthOverride ?? body.length + 16), u32(h.exportSecs), u32(h.sequence), u32(h.domain), body]);
}

export interface Row {
  exporter: string; site: string; src: string; dst: string; bytes: number; packets: number; samplingRate: number;
  proto: number; srcPort: number; dstPort: number; startMs: number; endMs: number; ipVersion: number;
}

export function rowsOf(batches: FlowBatch[]): Row[] {
  const rows: Row[] = [];
  for (const b of batches) {
    const d = b.dictionaries;
    for (let i = 0; i < b.length; i++) {
      const v6 = b.ipVersion[i] === 6;
      rows.push({
        exporter: d.exporter.value(b.exporterId[i]!), site: d.site.value(b.siteId[i]!),
        src: v6 ? d.ipv6.value(b.srcV6[i]!) : formatIPv4(b.srcV4[i]!), dst: v6 ? d.ipv6.value(b.dstV6[i]!) : formatIPv4(b.dstV4[i]!),
        bytes: b.bytes[i]!, packets: b.packets[i]!, samplingRate: b.samplingRate[i]!, proto: b.proto[i]!,
        srcPort: b.srcPort[i]!, dstPort: b.dstPort[i]!, startMs: b.timeStartMs[i]!, endMs: b.timeEndMs[i]!, ipVersion: b.ipVersion[i]!,
      });
    }
  }
  return rows;
}

/** Decodes datagrams (each with its exporter address) and returns rows plus the decoder for its counters. */
export function decodeDatagrams(datagrams: [Buffer, string][], exporters: ExporterConfig[] = []): { rows: Row[]; decoder: NetflowDecoder } {
  const dictionaries = createFlowDictionaries();
  const batches: FlowBatch[] = [];
  const writer = new FlowBatchWriter(new ExporterMap(exporters, dictionaries), dictionaries, (b) => batches.push(b), 64);
  const decoder = new NetflowDecoder(writer);
  for (const [buf, address] of datagrams) decoder.decodeDatagram(buf, address);
  writer.flush();
  return { rows: rowsOf(batches), decoder };
}
