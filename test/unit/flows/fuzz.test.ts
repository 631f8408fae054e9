import { describe, expect, it } from 'vitest';
import { IE } from '../../../ingest/flows/netflow/fields.js';
import { createFlowDictionaries, type FlowBatch } from '../../../ingest/flows/batch.js';
import { ExporterMap } from '../../../ingest/flows/exporters.js';
import { GoflowProtobufDecoder } from '../../../ingest/flows/goflow-pb.js';
import { NetflowDecoder } from '../../../ingest/flows/netflow/decoder.js';
import { FlowBatchWriter } from '../../../ingest/flows/writer.js';
import { Random } from '../../../sim/flows/random.js';
import { ip4, ipfixMessage, set, templateRecord, u16, u32, u8, v5Packet, v9Packet } from './wire.js';

const ITERATIONS = 3000; // bounded: a few hundred ms

function seeds(): Buffer[] {
  const t = templateRecord(256, [[IE.sourceIPv4Address, 4], [IE.destinationIPv4Address, 4], [IE.octetDeltaCount, 4], [82, 65535], [IE.flowStartSysUpTime, 4]]);
  const rec = Buffer.concat([ip4('10.0.0.1'), ip4('100.64.0.1'), u32(100), u8(2), Buffer.from('ab'), u32(5)]);
  return [
    v5Packet({ sequence: 1, sysUptime: 1000, unixSecs: 1_795_000_000 }, [{ src: '10.0.0.1', dst: '10.0.0.2', packets: 1, bytes: 2, first: 3, last: 4, srcPort: 5, dstPort: 6, proto: 6 }]),
    v9Packet({ sequence: 1, sourceId: 1, sysUptime: 1000, unixSecs: 1_795_000_000 }, [set(0, t), set(256, rec)]),
    ipfixMessage({ sequence: 1, domain: 1, exportSecs: 1_795_000_000 }, [set(2, t), set(256, rec)]),
    ipfixMessage({ sequence: 1, domain: 1, exportSecs: 1_795_000_000 }, [set(3, Buffer.concat([u16(300), u16(2), u16(1), u16(149), u16(4), u16(34), u16(4)])), set(300, Buffer.concat([u32(1), u32(0)]))]),
  ];
}

function mutate(buf: Buffer, random: Random): Buffer {
  const out = Buffer.from(buf);
  const edits = random.int(1, 4);
  for (let e = 0; e < edits; e++) {
    switch (random.int(0, 3)) {
      case 0: out[random.int(0, out.length - 1)] = random.int(0, 255); break; // flip a byte
      case 1: return out.subarray(0, random.int(0, out.length)); // truncate
      case 2: out.writeUInt16BE(random.int(0, 65535), Math.min(out.length - 2, random.int(0, 40))); break; // lie in a length/id
      default: return Buffer.concat([out, Buffer.from(Array.from({ length: random.int(1, 40) }, () => random.int(0, 255)))]);
    }
  }
  return out;
}

describe('decoder fuzzing', () => {
  it('never throws on random or mutated NetFlow/IPFIX datagrams, and counts every datagram', () => {
    const random = new Random(20261123);
    const dictionaries = createFlowDictionaries();
    const batches: FlowBatch[] = [];
    const writer = new FlowBatchWriter(new ExporterMap([], dictionaries), dictionaries, (b) => batches.push(b));
    const decoder = new NetflowDecoder(writer);
    const corpus = seeds();
    for (let i = 0; i < ITERATIONS; i++) {
      const exporter = `192.0.2.${random.int(1, 8)}`;
      const packet = i % 3 === 0
        ? Buffer.from(Array.from({ length: random.int(0, 200) }, () => random.int(0, 255)))
        : mutate(corpus[random.int(0, corpus.length - 1)]!, random);
      expect(() => decoder.decodeDatagram(packet, exporter)).not.toThrow();
    }
    writer.flush();
    const stats = [...decoder.stats().values()];
    expect(stats.reduce((n, s) => n + s.datagrams, 0)).toBe(ITERATIONS);
    const rejected = Object.values(decoder.rejects).reduce((n, c) => n + (c ?? 0), 0);
    expect(rejected).toBeGreaterThan(ITERATIONS / 3); // random bytes are almost never a valid version
    // every decoded flow has sane columns
    for (const b of batches) for (let i = 0; i < b.length; i++) expect(b.ipVersion[i] === 4 || b.ipVersion[i] === 6).toBe(true);
    // and the untouched seeds still decode after all that
    const before = writer.written;
    for (const seed of corpus.slice(0, 2)) decoder.decodeDatagram(seed, '198.51.100.200');
    expect(writer.written - before).toBe(2);
  });

  it('never throws on random or mutated goflow2 protobuf streams', () => {
    const random = new Random(7);
    const dictionaries = createFlowDictionaries();
    const writer = new FlowBatchWriter(new ExporterMap([], dictionaries), dictionaries, () => undefined);
    const rejects = {};
    const decoder = new GoflowProtobufDecoder(writer, rejects);
    const message = Buffer.from('0a04c000020132040a0000013a04640000014802500a', 'hex');
    for (let i = 0; i < ITERATIONS; i++) {
      const body = i % 2 ? mutate(message, random) : Buffer.from(Array.from({ length: random.int(0, 64) }, () => random.int(0, 255)));
      expect(() => decoder.decodeMessage(body, 0, body.length)).not.toThrow();
      expect(() => decoder.decodeDelimited(body)).not.toThrow();
    }
    expect(Object.keys(rejects).length).toBeGreaterThan(0);
  });
});
