import { describe, expect, it } from 'vitest';
import { IE } from '../../../ingest/flows/netflow/fields.js';
import { decodeDatagrams, ip4, ipfixMessage, ipfixOptionsTemplate, set, templateRecord, u16, u32, u64, u8 } from './wire.js';

const SECS = 1_795_000_000;
const TEMPLATE = templateRecord(400, [
  [IE.sourceIPv4Address, 4], [IE.destinationIPv4Address, 4], [IE.octetDeltaCount, 8], [IE.packetDeltaCount, 8],
  [IE.protocolIdentifier, 1], [IE.destinationTransportPort, 2], [IE.flowStartMilliseconds, 8], [IE.flowEndMilliseconds, 8],
]);
const record = (src: string, bytes: number, startMs = SECS * 1000 - 3000): Buffer => Buffer.concat([
  ip4(src), ip4('100.64.0.1'), u64(bytes), u64(2), u8(17), u16(53), u64(startMs), u64(startMs + 1000),
]);

describe('IPFIX decoding (RFC 7011)', () => {
  it('decodes absolute millisecond times and 8-byte counters', () => {
    const msg = ipfixMessage({ sequence: 0, domain: 1, exportSecs: SECS }, [set(2, TEMPLATE, false), set(400, record('10.1.1.1', 1234), false)]);
    const { rows } = decodeDatagrams([[msg, '192.0.2.1']]);
    expect(rows).toEqual([expect.objectContaining({ src: '10.1.1.1', bytes: 1234, packets: 2, proto: 17, dstPort: 53, startMs: SECS * 1000 - 3000, endMs: SECS * 1000 - 2000 })]);
  });

  it('reads variable-length fields (1- and 3-byte length prefixes) and skips enterprise fields', () => {
    const t = templateRecord(401, [[IE.sourceIPv4Address, 4], [82 /* interfaceName */, 65535], [IE.destinationIPv4Address, 4], [0x8000 | 1, 65535, 29305], [IE.octetDeltaCount, 4], [0x8000 | 7, 2, 9]]);
    const long = Buffer.alloc(300, 0x61);
    const r1 = Buffer.concat([ip4('10.0.0.1'), u8(3), Buffer.from('ge0'), ip4('100.64.0.1'), u8(0), u32(10), u16(0)]);
    const r2 = Buffer.concat([ip4('10.0.0.2'), u8(255), u16(long.length), long, ip4('100.64.0.2'), u8(2), Buffer.from('xy'), u32(20), u16(0)]);
    const msg = ipfixMessage({ sequence: 0, domain: 1, exportSecs: SECS }, [set(2, t, false), set(401, Buffer.concat([r1, r2]), false)]);
    const { rows, decoder } = decodeDatagrams([[msg, '192.0.2.1']]);
    expect(rows.map((r) => [r.src, r.dst, r.bytes])).toEqual([['10.0.0.1', '100.64.0.1', 10], ['10.0.0.2', '100.64.0.2', 20]]);
    expect(rows[0]!.startMs).toBe(SECS * 1000); // no time fields: export time
    expect(decoder.rejects).toEqual({});
  });

  it('withdraws a template (field count 0) and all templates (id 2)', () => {
    const h = { domain: 1, exportSecs: SECS };
    const datagrams: [Buffer, string][] = [
      [ipfixMessage({ ...h, sequence: 0 }, [set(2, TEMPLATE, false)]), '192.0.2.1'],
      [ipfixMessage({ ...h, sequence: 0 }, [set(2, Buffer.concat([u16(400), u16(0)]), false)]), '192.0.2.1'],
      [ipfixMessage({ ...h, sequence: 0 }, [set(400, record('10.0.0.1', 1), false)]), '192.0.2.1'],
      [ipfixMessage({ ...h, sequence: 1 }, [set(2, TEMPLATE, false), set(400, record('10.0.0.2', 2), false)]), '192.0.2.1'],
      [ipfixMessage({ ...h, sequence: 2 }, [set(2, Buffer.concat([u16(2), u16(0)]), false)]), '192.0.2.1'],
      [ipfixMessage({ ...h, sequence: 2 }, [set(400, record('10.0.0.3', 3), false)]), '192.0.2.1'],
    ];
    const { rows, decoder } = decodeDatagrams(datagrams);
    expect(rows.map((r) => r.src)).toEqual(['10.0.0.2']);
    expect(decoder.stats().get('192.0.2.1')).toMatchObject({ templatesWithdrawn: 2, rejects: { unknown_template: 2 } });
  });

  it('learns sampling from an options template (samplingPacketInterval/Space, RFC 5476)', () => {
    const opt = ipfixOptionsTemplate(500, 1, [[149 /* observationDomainId */, 4], [IE.samplingPacketInterval, 4], [IE.samplingPacketSpace, 4]]);
    const msg = ipfixMessage({ sequence: 0, domain: 3, exportSecs: SECS }, [
      set(3, opt), set(500, Buffer.concat([u32(3), u32(1), u32(99)])), set(2, TEMPLATE, false), set(400, record('10.0.0.1', 10), false),
    ]);
    const { rows } = decodeDatagrams([[msg, '192.0.2.1']]);
    expect(rows[0]).toMatchObject({ samplingRate: 100, bytes: 1000, packets: 200 });
  });

  it('counts lost data records from the sequence numbers', () => {
    const h = { domain: 1, exportSecs: SECS };
    const two = [set(2, TEMPLATE, false), set(400, Buffer.concat([record('10.0.0.1', 1), record('10.0.0.2', 1)]), false)];
    const { decoder } = decodeDatagrams([
      [ipfixMessage({ ...h, sequence: 100 }, two), '192.0.2.1'],
      [ipfixMessage({ ...h, sequence: 102 }, two), '192.0.2.1'],
      [ipfixMessage({ ...h, sequence: 110 }, two), '192.0.2.1'], // 6 records lost (104..109)
    ]);
    expect(decoder.stats().get('192.0.2.1')).toMatchObject({ lostFlows: 6, flows: 6 });
  });

  it('accepts exporters that count the current message in the sequence (softflowd)', () => {
    const h = { domain: 1, exportSecs: SECS };
    const two = [set(2, TEMPLATE, false), set(400, Buffer.concat([record('10.0.0.1', 1), record('10.0.0.2', 1)]), false)];
    const { decoder } = decodeDatagrams([2, 4, 6].map((sequence) => [ipfixMessage({ ...h, sequence }, two), '192.0.2.1'] as [Buffer, string]));
    expect(decoder.stats().get('192.0.2.1')).toMatchObject({ lostFlows: 0, sequenceResets: 0 });
  });

  it.each([
    ['truncated', 200],
    ['bad_length', 20],
  ])('counts a message whose length field lies (%s)', (reason, length) => {
    const msg = ipfixMessage({ sequence: 0, domain: 1, exportSecs: SECS }, [set(2, TEMPLATE, false)], length);
    expect(decodeDatagrams([[msg, '192.0.2.1']]).decoder.rejects).toEqual({ [reason]: 1 });
  });
});
