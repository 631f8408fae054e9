import { PassThrough } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readFlows, type FlowBatch, type RejectCounts } from '../../../ingest/flows/index.js';
import { encodeVarint } from '../../../ingest/flows/protowire.js';
import { FlowMessageField as F } from '../../../ingest/flows/goflow-pb.js';
import { rowsOf } from './wire.js';

const EXPORTERS = [{ address: '192.0.2.1', siteId: 'HN-001', operator: '452-04' }];

async function collect(path: string, opts: Parameters<typeof readFlows>[1] = {}): Promise<{ batches: FlowBatch[]; rejects: RejectCounts }> {
  const rejects: RejectCounts = {};
  const batches: FlowBatch[] = [];
  for await (const b of readFlows(path, { exporters: EXPORTERS, rejects, ...opts })) batches.push(b);
  return { batches, rejects };
}

function fromText(text: string | Buffer, name: string, opts: Parameters<typeof readFlows>[1] = {}): Promise<{ batches: FlowBatch[]; rejects: RejectCounts }> {
  const input = new PassThrough();
  input.end(text);
  return collect(name, { ...opts, input });
}

const line = (over: Record<string, unknown> = {}): string => JSON.stringify({
  type: 'IPFIX', time_received_ns: 1_795_000_001_000_000_000, sequence_num: 5, sampling_rate: 100, sampler_address: '192.0.2.1',
  time_flow_start_ns: 1, time_flow_end_ns: 2, bytes: 1500, packets: 3, src_addr: '198.51.100.1', dst_addr: '100.64.0.1',
  etype: 'IPv4', proto: 'TCP', src_port: 443, dst_port: 51000, in_if: 1, out_if: 2, src_as: 0, dst_as: 0, ...over,
});

describe('goflow2 JSON lines', () => {
  it('keeps 64-bit nanosecond times exact (numbers beyond 2^53, and strings)', async () => {
    const text = line().replace('"time_flow_start_ns":1', '"time_flow_start_ns":1795000000123456789').replace('"time_flow_end_ns":2', '"time_flow_end_ns":"1795000000999999999"');
    const { batches } = await fromText(`${text}\n`, 'x.json');
    expect(batches[0]!.timeStartNs[0]).toBe(1_795_000_000_123_456_789n);
    expect(batches[0]!.timeEndNs[0]).toBe(1_795_000_000_999_999_999n);
    expect(batches[0]!.timeStartMs[0]).toBeCloseTo(1_795_000_000_123.4568, 3);
  });

  it('applies sampling, maps the exporter to its site, reads names and numbers for proto/etype', async () => {
    const text = [line(), line({ proto: 17, sampler_address: '192.0.2.99', sampling_rate: 0 }), line({ src_addr: '2001:DB8::1', dst_addr: '2001:db8:0:0:0:0:0:2', etype: 'IPv6', proto: 'ICMPv6' })].join('\n');
    const { batches, rejects } = await fromText(text, 'x.jsonl');
    expect(rejects).toEqual({});
    const rows = rowsOf(batches);
    expect(rows[0]).toMatchObject({ site: 'HN-001', bytes: 150_000, packets: 300, samplingRate: 100, proto: 6, src: '198.51.100.1' });
    expect(rows[1]).toMatchObject({ site: '192.0.2.99', exporter: '192.0.2.99', bytes: 1500, samplingRate: 1, proto: 17 });
    expect(rows[2]).toMatchObject({ ipVersion: 6, src: '2001:db8::1', dst: '2001:db8::2', proto: 58, bytes: 150_000 });
  });

  it('counts each rejected line by reason and keeps the good ones around it', async () => {
    const bad = [
      '{not json', '[1,2]', line({ src_addr: undefined }), line({ dst_addr: '300.1.1.1' }), line({ bytes: -5 }), line({ packets: 'x' }),
      line({ time_flow_start_ns: 0, time_received_ns: 0, time_flow_end_ns: 0 }), line({ sampler_address: 'router-1' }), line({ src_port: 70000 }),
    ];
    const { batches, rejects } = await fromText([line(), ...bad, '', line()].join('\n'), 'x.json');
    expect(rowsOf(batches)).toHaveLength(2);
    expect(rejects).toEqual({ malformed_json: 2, missing_field: 1, bad_address: 2, bad_number: 3, bad_time: 1 });
  });

  it('reads .gz files and a final line without newline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flows-'));
    const path = join(dir, 'f.jsonl.gz');
    writeFileSync(path, gzipSync(`${line()}\n${line({ bytes: 7 })}`));
    const { batches } = await collect(path);
    expect(rowsOf(batches).map((r) => r.bytes)).toEqual([150_000, 700]);
  });
});

/** Encodes a FlowMessage by field number, as goflow2's protobuf would. */
function flowMessage(fields: [number, number | bigint | Buffer][]): Buffer {
  const out: number[] = [];
  for (const [field, value] of fields) {
    if (Buffer.isBuffer(value)) {
      encodeVarint(field * 8 + 2, out);
      encodeVarint(value.length, out);
      out.push(...value);
    } else {
      encodeVarint(field * 8, out);
      encodeVarint(value, out);
    }
  }
  return Buffer.from(out);
}

function delimited(messages: Buffer[]): Buffer {
  return Buffer.concat(messages.flatMap((m) => { const len: number[] = []; encodeVarint(m.length, len); return [Buffer.from(len), m]; }));
}

const GOOD: [number, number | bigint | Buffer][] = [
  [F.type, 4], [F.timeReceivedNs, 1_795_000_001_000_000_000n], [F.samplingRate, 10], [F.samplerAddress, Buffer.from([192, 0, 2, 1])],
  [F.timeFlowStartNs, 1_795_000_000_123_456_789n], [F.timeFlowEndNs, 1_795_000_000_223_456_789n], [F.bytes, 1500], [F.packets, 3],
  [F.srcAddr, Buffer.from([198, 51, 100, 1])], [F.dstAddr, Buffer.from([100, 64, 0, 1])], [F.etype, 0x800], [F.proto, 6],
  [F.srcPort, 443], [F.dstPort, 51000], [F.inIf, 1], [F.outIf, 2],
  [101 /* bgp_communities, packed */, Buffer.from([1, 2, 3])], [F.sequenceNum, 9],
];

describe('goflow2 binary (varint-delimited FlowMessage)', () => {
  it('decodes golden bytes with exact nanoseconds and skips unknown fields', async () => {
    const { batches, rejects } = await fromText(delimited([flowMessage(GOOD)]), 'x.pb');
    expect(rejects).toEqual({});
    expect(batches[0]!.timeStartNs[0]).toBe(1_795_000_000_123_456_789n);
    expect(rowsOf(batches)[0]).toMatchObject({ site: 'HN-001', src: '198.51.100.1', dst: '100.64.0.1', bytes: 15_000, packets: 30, proto: 6, srcPort: 443, dstPort: 51000 });
  });

  it('decodes IPv6 and IPv4-mapped sampler addresses', async () => {
    const v6 = Buffer.from('20010db8000000000000000000000001', 'hex');
    const mapped = Buffer.from('00000000000000000000ffffc0000201', 'hex');
    const msg = flowMessage(GOOD.map(([f, v]) => [f, f === F.srcAddr || f === F.dstAddr ? v6 : f === F.samplerAddress ? mapped : v]));
    const rows = rowsOf((await fromText(delimited([msg]), 'x.bin')).batches);
    expect(rows[0]).toMatchObject({ ipVersion: 6, src: '2001:db8::1', exporter: '192.0.2.1', site: 'HN-001' });
  });

  it('counts malformed messages and a truncated tail, keeping good frames', async () => {
    const good = flowMessage(GOOD);
    const badWire = Buffer.from([0x0f, 0x01]); // wire type 7
    const noAddr = flowMessage(GOOD.filter(([f]) => f !== F.dstAddr));
    const stream = Buffer.concat([delimited([good, badWire, noAddr, good]), delimited([good]).subarray(0, 10)]);
    const { batches, rejects } = await fromText(stream, 'x.pb');
    expect(rowsOf(batches)).toHaveLength(2);
    expect(rejects).toEqual({ bad_protobuf: 1, missing_field: 1, truncated_frame: 1 });
  });

  it('stops at a length prefix no FlowMessage can have, counting it', async () => {
    const bogus: number[] = [];
    encodeVarint(10_000_000, bogus);
    const { batches, rejects } = await fromText(Buffer.concat([delimited([flowMessage(GOOD)]), Buffer.from(bogus), Buffer.alloc(20)]), 'x.pb');
    expect(rowsOf(batches)).toHaveLength(1);
    expect(rejects).toEqual({ bad_protobuf: 1 });
  });

  it('sniffs the format when the name says nothing', async () => {
    expect(rowsOf((await fromText(`${line()}\n`, '-')).batches)).toHaveLength(1);
    expect(rowsOf((await fromText(delimited([flowMessage(GOOD)]), '-')).batches)).toHaveLength(1);
  });
});

describe('goflow2 Kafka payloads', () => {
  it('decodes a message value with several frames and counts a cut-short value', async () => {
    const { GoflowPayloadDecoder } = await import('../../../ingest/flows/goflow-kafka.js');
    const batches: FlowBatch[] = [];
    const decoder = new GoflowPayloadDecoder({ exporters: EXPORTERS, onBatch: (b) => batches.push(b) });
    const two = delimited([flowMessage(GOOD), flowMessage(GOOD)]);
    decoder.decodePayload(two);
    decoder.decodePayload(two.subarray(0, two.length - 3));
    decoder.flush();
    expect(rowsOf(batches)).toHaveLength(3);
    expect(decoder.rejects).toEqual({ truncated_frame: 1 });
  });
});

describe('goflow2 v2 JSON as it writes it (fixture)', () => {
  it('decodes full lines with arrays, MACs, RFC 3339 nanosecond times and sFlow (start = received)', async () => {
    const { batches, rejects } = await collect('test/fixtures/flows/goflow2-v2.jsonl');
    expect(rejects).toEqual({});
    const b = batches[0]!;
    expect(b.length).toBe(3);
    expect(b.timeStartNs[1]).toBe(BigInt(Date.parse('2026-11-18T07:46:40Z')) * 1_000_000n + 500_000_000n);
    expect(b.timeEndNs[1]).toBe(BigInt(Date.parse('2026-11-18T07:46:41Z')) * 1_000_000n + 1n);
    expect(b.timeStartNs[2]).toBe(1_795_000_002_000_000_000n); // sFlow carries no flow times: time received
    const rows = rowsOf(batches);
    expect(rows.map((r) => [r.site, r.src, r.bytes, r.packets, r.proto])).toEqual([
      ['HN-001', '10.8.31.235', 52, 1, 17], ['2001:db8::1', '2001:db8:1::5', 716_800, 1024, 0], ['HN-001', '198.51.100.4', 1_500_000, 1000, 6],
    ]);
  });
});
