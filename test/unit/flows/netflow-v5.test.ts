import { describe, expect, it } from 'vitest';
import { decodeDatagrams, v5Packet, type V5Record } from './wire.js';

const EXPORT_SECS = 1_795_000_000; // 2026-11-18T...
const rec = (over: Partial<V5Record> = {}): V5Record => ({
  src: '198.51.100.7', dst: '100.64.1.10', packets: 10, bytes: 4000, first: 95_000, last: 99_000, srcPort: 53, dstPort: 40000, proto: 17, ...over,
});

describe('NetFlow v5 decoding', () => {
  it('decodes golden records, anchoring uptime times on the header clock and applying sampling', () => {
    const packet = v5Packet({ sequence: 0, sysUptime: 100_000, unixSecs: EXPORT_SECS, unixNsecs: 500_000_000, sampling: 0x4000 | 100 }, [rec(), rec({ src: '203.0.113.1', proto: 6, bytes: 40 })]);
    expect(packet.length).toBe(24 + 2 * 48);
    const { rows, decoder } = decodeDatagrams([[packet, '192.0.2.1']], [{ address: '192.0.2.1', siteId: 'HN-001', operator: '452-04' }]);
    expect(rows).toHaveLength(2);
    const exportMs = EXPORT_SECS * 1000 + 500;
    expect(rows[0]).toMatchObject({
      exporter: '192.0.2.1', site: 'HN-001', src: '198.51.100.7', dst: '100.64.1.10', packets: 1000, bytes: 400_000, samplingRate: 100,
      proto: 17, srcPort: 53, dstPort: 40000, startMs: exportMs - 5000, endMs: exportMs - 1000, ipVersion: 4,
    });
    expect(rows[1]).toMatchObject({ src: '203.0.113.1', proto: 6, bytes: 4000 });
    expect(decoder.stats().get('192.0.2.1')).toMatchObject({ datagrams: 1, flows: 2, lostFlows: 0 });
  });

  it('counts flows missing between sequence numbers as loss, per engine', () => {
    const h = { sysUptime: 100_000, unixSecs: EXPORT_SECS };
    const { decoder } = decodeDatagrams([
      [v5Packet({ ...h, sequence: 0 }, [rec(), rec()]), '192.0.2.1'],
      [v5Packet({ ...h, sequence: 2 }, [rec()]), '192.0.2.1'],
      [v5Packet({ ...h, sequence: 10 }, [rec()]), '192.0.2.1'], // 7 flows lost (3..9)
      [v5Packet({ ...h, sequence: 500, engine: 1 }, [rec()]), '192.0.2.1'], // another engine: its own sequence space
      [v5Packet({ ...h, sequence: 0 }, [rec()]), '192.0.2.2'], // another exporter
    ]);
    expect(decoder.stats().get('192.0.2.1')).toMatchObject({ flows: 5, lostFlows: 7 });
    expect(decoder.stats().get('192.0.2.2')).toMatchObject({ flows: 1, lostFlows: 0 });
  });

  it('handles a 32-bit uptime wrap', () => {
    const packet = v5Packet({ sequence: 0, sysUptime: 1000, unixSecs: EXPORT_SECS }, [rec({ first: 4_294_966_296, last: 500 })]);
    const { rows } = decodeDatagrams([[packet, '192.0.2.1']]);
    expect(rows[0]!.startMs).toBe(EXPORT_SECS * 1000 - 2000);
    expect(rows[0]!.endMs).toBe(EXPORT_SECS * 1000 - 500);
  });

  it.each([
    ['truncated', (p: Buffer) => p.subarray(0, 24 + 47)],
    ['truncated', (p: Buffer) => p.subarray(0, 10)],
    ['bad_length', (p: Buffer) => { const c = Buffer.from(p); c.writeUInt16BE(0, 2); return c; }],
    ['bad_length', (p: Buffer) => { const c = Buffer.from(p); c.writeUInt16BE(31, 2); return c; }],
    ['bad_version', (p: Buffer) => { const c = Buffer.from(p); c.writeUInt16BE(7, 0); return c; }],
  ])('counts a malformed datagram as %s and keeps decoding others', (reason, mangle) => {
    const good = v5Packet({ sequence: 0, sysUptime: 100_000, unixSecs: EXPORT_SECS }, [rec()]);
    const { rows, decoder } = decodeDatagrams([[mangle(good), '192.0.2.9'], [good, '192.0.2.1']]);
    expect(rows).toHaveLength(1);
    expect(decoder.rejects).toEqual({ [reason]: 1 });
    expect(decoder.stats().get('192.0.2.9')!.rejects).toEqual({ [reason]: 1 });
  });
});
