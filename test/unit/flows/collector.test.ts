import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { startFlowCollector, type FlowBatch } from '../../../ingest/flows/index.js';
import { IE } from '../../../ingest/flows/netflow/fields.js';
import { ip4, ipfixMessage, rowsOf, set, templateRecord, u32, v5Packet } from './wire.js';

async function send(port: number, datagrams: Buffer[]): Promise<void> {
  const socket = createSocket('udp4');
  for (const d of datagrams) await new Promise<void>((resolve, reject) => socket.send(d, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
  socket.close();
}

async function until(check: () => boolean, limitMs = 5000): Promise<void> {
  for (const start = Date.now(); !check() && Date.now() - start < limitMs;) await new Promise((r) => setTimeout(r, 20));
}

describe('UDP flow collector', () => {
  it('receives NetFlow v5 and IPFIX on 127.0.0.1, maps the exporter to its site, counts a bad datagram', async () => {
    const batches: FlowBatch[] = [];
    const collector = await startFlowCollector({
      port: 0, host: '127.0.0.1', flushIntervalMs: 20, onBatch: (b) => batches.push(b),
      exporters: [{ address: '127.0.0.1', siteId: 'LAB-1', operator: '452-04', samplingRate: 10 }],
    });
    try {
      const v5 = v5Packet({ sequence: 0, sysUptime: 10_000, unixSecs: 1_795_000_000 }, [{ src: '10.0.0.1', dst: '100.64.0.1', packets: 2, bytes: 300, first: 9000, last: 9500, srcPort: 1, dstPort: 2, proto: 17 }]);
      const t = templateRecord(256, [[IE.sourceIPv4Address, 4], [IE.destinationIPv4Address, 4], [IE.octetDeltaCount, 4], [IE.packetDeltaCount, 4]]);
      const ipfix = ipfixMessage({ sequence: 0, domain: 1, exportSecs: 1_795_000_000 }, [set(2, t), set(256, Buffer.concat([ip4('10.0.0.2'), ip4('100.64.0.2'), u32(1000), u32(4)]))]);
      await send(collector.port, [v5, Buffer.from([0, 99, 1, 2]), ipfix]);
      await until(() => rowsOf(batches).length === 2 && collector.datagrams() === 3);
      const rows = rowsOf(batches);
      expect(rows.map((r) => [r.site, r.src, r.bytes, r.packets, r.samplingRate])).toEqual([['LAB-1', '10.0.0.1', 3000, 20, 10], ['LAB-1', '10.0.0.2', 10_000, 40, 10]]);
      expect(collector.rejects).toEqual({ bad_version: 1 });
    } finally {
      await collector.close();
    }
  });

  it('rejects an invalid port in its options', async () => {
    await expect(startFlowCollector({ port: 70_000, onBatch: () => undefined })).rejects.toThrow(/port must be/);
  });
});
