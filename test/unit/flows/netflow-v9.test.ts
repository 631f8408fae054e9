import { describe, expect, it } from 'vitest';
import { IE } from '../../../ingest/flows/netflow/fields.js';
import { MAX_PENDING_SETS_PER_DOMAIN } from '../../../ingest/flows/netflow/state.js';
import { decodeDatagrams, ip4, ip6, set, templateRecord, u16, u32, u8, v9OptionsTemplate, v9Packet } from './wire.js';

const SECS = 1_795_000_000;
const H = { sourceId: 7, sysUptime: 200_000, unixSecs: SECS };
const V4_TEMPLATE = templateRecord(256, [
  [IE.sourceIPv4Address, 4], [IE.destinationIPv4Address, 4], [IE.octetDeltaCount, 4], [IE.packetDeltaCount, 4],
  [IE.protocolIdentifier, 1], [IE.sourceTransportPort, 2], [IE.destinationTransportPort, 2],
  [IE.flowStartSysUpTime, 4], [IE.flowEndSysUpTime, 4],
]);
const v4Record = (src: string, dst: string, bytes: number, packets: number): Buffer => Buffer.concat([
  ip4(src), ip4(dst), u32(bytes), u32(packets), u8(6), u16(443), u16(51000), u32(190_000), u32(199_000),
]);
const V6_TEMPLATE = templateRecord(300, [[IE.sourceIPv6Address, 16], [IE.destinationIPv6Address, 16], [IE.octetDeltaCount, 8], [IE.packetDeltaCount, 8], [IE.protocolIdentifier, 1]]);
const SAMPLING_OPTIONS = v9OptionsTemplate(257, [[1 /* scope: system */, 4]], [[IE.samplingInterval, 4]]);

describe('NetFlow v9 decoding (RFC 3954)', () => {
  it('decodes data with a template from the same packet, padding ignored, uptime anchored on the header', () => {
    const packet = v9Packet({ ...H, sequence: 1 }, [set(0, V4_TEMPLATE), set(256, Buffer.concat([v4Record('10.0.0.1', '100.64.0.1', 1500, 3), v4Record('10.0.0.2', '100.64.0.2', 60, 1)]))]);
    const { rows, decoder } = decodeDatagrams([[packet, '192.0.2.1']]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ src: '10.0.0.1', dst: '100.64.0.1', bytes: 1500, packets: 3, proto: 6, srcPort: 443, dstPort: 51000, samplingRate: 1 });
    expect(rows[0]!.startMs).toBe(SECS * 1000 - 10_000);
    expect(rows[0]!.endMs).toBe(SECS * 1000 - 1_000);
    expect(decoder.stats().get('192.0.2.1')).toMatchObject({ templatesReceived: 1, flows: 2 });
  });

  it('decodes IPv6 flows with 8-byte counters', () => {
    const record = Buffer.concat([ip6('20010db8000000000000000000000001'), ip6('20010db8000100000000000000000010'), Buffer.from('0000000100000000', 'hex'), Buffer.from('0000000000000002', 'hex'), u8(17)]);
    const { rows } = decodeDatagrams([[v9Packet({ ...H, sequence: 1 }, [set(0, V6_TEMPLATE), set(300, record)]), '2001:db8::ff']]);
    expect(rows[0]).toMatchObject({ ipVersion: 6, src: '2001:db8::1', dst: '2001:db8:1::10', bytes: 4_294_967_296, packets: 2, proto: 17, exporter: '2001:db8::ff' });
  });

  it('applies the sampling interval from an options data record to later flows of that source id only', () => {
    const options = v9Packet({ ...H, sequence: 1 }, [set(1, SAMPLING_OPTIONS), set(257, Buffer.concat([u32(0), u32(512)])), set(0, V4_TEMPLATE)]);
    const data = v9Packet({ ...H, sequence: 2 }, [set(256, v4Record('10.0.0.1', '100.64.0.1', 100, 2))]);
    const otherDomain = v9Packet({ ...H, sourceId: 8, sequence: 1 }, [set(0, V4_TEMPLATE), set(256, v4Record('10.0.0.1', '100.64.0.1', 100, 2))]);
    const { rows } = decodeDatagrams([[options, '192.0.2.1'], [data, '192.0.2.1'], [otherDomain, '192.0.2.1']]);
    expect(rows.map((r) => [r.samplingRate, r.bytes, r.packets])).toEqual([[512, 51_200, 1024], [1, 100, 2]]);
  });

  it('buffers data whose template has not arrived, then decodes it when the template comes', () => {
    const early = v9Packet({ ...H, sequence: 1 }, [set(256, v4Record('10.0.0.9', '100.64.0.9', 999, 9))]);
    const template = v9Packet({ ...H, sequence: 2 }, [set(0, V4_TEMPLATE)]);
    const { rows, decoder } = decodeDatagrams([[early, '192.0.2.1'], [template, '192.0.2.1']]);
    expect(rows.map((r) => r.bytes)).toEqual([999]);
    expect(decoder.stats().get('192.0.2.1')).toMatchObject({ replayedSets: 1, rejects: { unknown_template: 1 } });
  });

  it('bounds the pending buffer and counts what it drops', () => {
    const datagrams: [Buffer, string][] = [];
    for (let i = 0; i < MAX_PENDING_SETS_PER_DOMAIN + 5; i++) datagrams.push([v9Packet({ ...H, sequence: i + 1 }, [set(999, Buffer.alloc(8))]), '192.0.2.1']);
    const { decoder } = decodeDatagrams(datagrams);
    expect(decoder.rejects).toEqual({ unknown_template: MAX_PENDING_SETS_PER_DOMAIN + 5, template_buffer_full: 5 });
  });

  it('keeps templates per exporter and per source id: the same template id can mean different layouts', () => {
    const short = templateRecord(256, [[IE.sourceIPv4Address, 4], [IE.destinationIPv4Address, 4], [IE.octetDeltaCount, 4]]);
    const a = v9Packet({ ...H, sequence: 1 }, [set(0, V4_TEMPLATE), set(256, v4Record('10.0.0.1', '100.64.0.1', 100, 1))]);
    const b = v9Packet({ ...H, sequence: 1 }, [set(0, short), set(256, Buffer.concat([ip4('10.9.9.9'), ip4('100.64.9.9'), u32(77)]))]);
    const { rows } = decodeDatagrams([[a, '192.0.2.1'], [b, '192.0.2.2'], [a, '192.0.2.1']]);
    expect(rows.map((r) => `${r.exporter} ${r.src} ${r.bytes}`)).toEqual(['192.0.2.1 10.0.0.1 100', '192.0.2.2 10.9.9.9 77', '192.0.2.1 10.0.0.1 100']);
  });

  it('replaces a template on refresh', () => {
    const refreshed = templateRecord(256, [[IE.destinationIPv4Address, 4], [IE.sourceIPv4Address, 4], [IE.octetDeltaCount, 4]]);
    const first = v9Packet({ ...H, sequence: 1 }, [set(0, V4_TEMPLATE)]);
    const second = v9Packet({ ...H, sequence: 2 }, [set(0, refreshed), set(256, Buffer.concat([ip4('100.64.0.5'), ip4('10.0.0.5'), u32(5)]))]);
    const { rows } = decodeDatagrams([[first, '192.0.2.1'], [second, '192.0.2.1']]);
    expect(rows[0]).toMatchObject({ src: '10.0.0.5', dst: '100.64.0.5', bytes: 5 });
  });

  it('counts missing export packets as loss (v9 sequence counts packets)', () => {
    const datagrams: [Buffer, string][] = [1, 2, 5, 6].map((sequence) => [v9Packet({ ...H, sequence }, [set(0, V4_TEMPLATE)]), '192.0.2.1']);
    const { decoder } = decodeDatagrams(datagrams);
    expect(decoder.stats().get('192.0.2.1')).toMatchObject({ lostPackets: 2, sequenceResets: 0 });
  });

  it('drops a datagram whose flowset length lies, without applying its templates', () => {
    const good = v9Packet({ ...H, sequence: 1 }, [set(0, V4_TEMPLATE), set(256, v4Record('10.0.0.1', '100.64.0.1', 100, 1))]);
    const lying = Buffer.from(good);
    lying.writeUInt16BE(2000, 20 + 2); // first flowset claims 2000 bytes
    const tiny = Buffer.from(good);
    tiny.writeUInt16BE(2, 20 + 2);
    const data = v9Packet({ ...H, sequence: 2 }, [set(256, v4Record('10.0.0.1', '100.64.0.1', 100, 1))]);
    const { rows, decoder } = decodeDatagrams([[lying, '192.0.2.1'], [tiny, '192.0.2.1'], [data, '192.0.2.1']]);
    expect(decoder.rejects).toMatchObject({ truncated: 1, bad_length: 1, unknown_template: 1 });
    expect(rows).toHaveLength(0);
  });

  it('rejects a template with an id below 256', () => {
    const { decoder } = decodeDatagrams([[v9Packet({ ...H, sequence: 1 }, [set(0, templateRecord(12, [[8, 4]]))]), '192.0.2.1']]);
    expect(decoder.rejects).toEqual({ bad_template: 1 });
  });
});

describe('NetFlow v9 state bounds', () => {
  it('caps observation domains per exporter and counts the excess', async () => {
    const { MAX_DOMAINS_PER_EXPORTER } = await import('../../../ingest/flows/netflow/state.js');
    const datagrams: [Buffer, string][] = [];
    for (let id = 0; id < MAX_DOMAINS_PER_EXPORTER + 3; id++) datagrams.push([v9Packet({ ...H, sourceId: id, sequence: 1 }, [set(0, V4_TEMPLATE)]), '192.0.2.1']);
    const { decoder } = decodeDatagrams(datagrams);
    expect(decoder.rejects).toEqual({ domain_limit: 3 });
  });
});

describe('NetFlow v9 pending-buffer bytes', () => {
  it('stops buffering an exporter beyond its byte budget, counting what it drops', async () => {
    const { MAX_PENDING_BYTES_PER_EXPORTER } = await import('../../../ingest/flows/netflow/state.js');
    const big = Buffer.alloc(60_000);
    const perSet = big.length;
    const n = Math.floor(MAX_PENDING_BYTES_PER_EXPORTER / perSet) + 4;
    const datagrams: [Buffer, string][] = [];
    for (let i = 0; i < n; i++) datagrams.push([v9Packet({ ...H, sourceId: i % 50, sequence: 1 }, [set(999, big)]), '192.0.2.1']);
    const { decoder } = decodeDatagrams(datagrams);
    expect(decoder.rejects).toEqual({ unknown_template: n, template_buffer_full: 4 });
  });
});
