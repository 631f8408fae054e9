/**
 * Flow collector and decoder throughput, each beside a baseline in the same run:
 *   udp-baseline   raw dgram receive loop (count datagrams, touch nothing) — the ceiling
 *   udp-collector  startFlowCollector on the same traffic (decode + map + batch)
 *   decode-v5/v9/ipfix  NetflowDecoder.decodeDatagram in-process (no socket), CPU only
 *   goflow-json / goflow-pb  readFlows on an in-memory stream, beside a split-lines baseline
 *   engine         FlowEngine.ingest over the decoded batches
 * A child process sends the UDP traffic (v9, 24 records per datagram) to 127.0.0.1.
 * Usage: npx vite-node bench/flows-collector.ts [datagrams=40000]
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createFlowDictionaries, readFlows, startFlowCollector, type FlowBatch } from '../ingest/flows/index.js';
import { ExporterMap } from '../ingest/flows/exporters.js';
import { NetflowDecoder } from '../ingest/flows/netflow/decoder.js';
import { FlowBatchWriter } from '../ingest/flows/writer.js';
import { IE } from '../ingest/flows/netflow/fields.js';
import { FlowEngine } from '../engine/flows/flow-engine.js';
import { simulateFlows } from '../sim/flows/simulate.js';
import { encodeVarint } from '../ingest/flows/protowire.js';

const RECORDS_PER_DATAGRAM = 24; // 24 × 48-byte v9 records ≈ 1.2 kB, a typical router export
const be16 = (v: number): number[] => [(v >>> 8) & 255, v & 255];
const be32 = (v: number): number[] => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];

function v9Datagrams(count: number, sourceId = 1): Buffer[] {
  const fields: [number, number][] = [
    [IE.sourceIPv4Address, 4], [IE.destinationIPv4Address, 4], [IE.octetDeltaCount, 4], [IE.packetDeltaCount, 4], [IE.protocolIdentifier, 1],
    [IE.sourceTransportPort, 2], [IE.destinationTransportPort, 2], [IE.ingressInterface, 4], [IE.egressInterface, 4],
    [IE.flowStartSysUpTime, 4], [IE.flowEndSysUpTime, 4], [6, 1], [5, 1], [IE.samplingInterval, 4], [61, 1],
  ];
  const template = [...be16(256), ...be16(fields.length), ...fields.flatMap(([t, l]) => [...be16(t), ...be16(l)])];
  const out: Buffer[] = [];
  for (let d = 0; d < count; d++) {
    const records: number[] = [];
    for (let r = 0; r < RECORDS_PER_DATAGRAM; r++) {
      const i = d * RECORDS_PER_DATAGRAM + r;
      records.push(...be32(0x0a000000 + (i % 65_000)), ...be32(0x64400000 + ((i * 7) % 1_000_000)), ...be32(1500 + (i % 900)), ...be32(3), 6,
        ...be16(443), ...be16(40_000 + (i % 20_000)), ...be32(1), ...be32(2), ...be32(900_000), ...be32(990_000), 0x18, 0, ...be32(100), 1);
    }
    const sets = [...(d % 20 === 0 ? [...be16(0), ...be16(template.length + 4), ...template] : []), ...be16(256), ...be16(records.length + 4), ...records];
    const header = [...be16(9), ...be16(RECORDS_PER_DATAGRAM), ...be32(1_000_000), ...be32(1_795_000_000), ...be32(d + 1), ...be32(sourceId)];
    out.push(Buffer.from([...header, ...sets]));
  }
  return out;
}

function v5Datagrams(count: number): Buffer[] {
  return Array.from({ length: count }, (_, d) => {
    const b = Buffer.alloc(24 + 30 * 48);
    b.writeUInt16BE(5, 0); b.writeUInt16BE(30, 2); b.writeUInt32BE(1_000_000, 4); b.writeUInt32BE(1_795_000_000, 8); b.writeUInt32BE(d * 30, 16);
    for (let r = 0; r < 30; r++) {
      const at = 24 + r * 48;
      b.writeUInt32BE(0x0a000000 + r, at); b.writeUInt32BE(0x64400000 + d, at + 4); b.writeUInt32BE(3, at + 16); b.writeUInt32BE(1500, at + 20);
      b.writeUInt32BE(900_000, at + 24); b.writeUInt32BE(990_000, at + 28); b[at + 38] = 6;
    }
    return b;
  });
}

function rate(label: string, flows: number, ms: number, extra = ''): void {
  console.log(`${label.padEnd(16)} ${String(Math.round(flows / (ms / 1000))).padStart(10)} flows/s  (${flows} flows in ${ms.toFixed(0)} ms)${extra}`);
}

function decodeBench(label: string, datagrams: Buffer[]): void {
  const dictionaries = createFlowDictionaries();
  let flows = 0;
  // batches are counted and dropped, as a consumer that keeps up would
  const writer = new FlowBatchWriter(new ExporterMap([{ address: '192.0.2.1', siteId: 'S1', operator: '452-04' }], dictionaries), dictionaries, (b) => { flows += b.length; });
  const decoder = new NetflowDecoder(writer);
  for (const d of datagrams.slice(0, 2000)) decoder.decodeDatagram(d, '192.0.2.1'); // warm-up
  writer.flush();
  flows = 0;
  const start = performance.now();
  for (const d of datagrams) decoder.decodeDatagram(d, '192.0.2.1');
  writer.flush();
  rate(label, flows, performance.now() - start);
}

/** Flows per CPU-second of this process: comparable across runs on a shared, loaded machine. */
function perCpu(flows: number, cpu: NodeJS.CpuUsage): string {
  const seconds = (cpu.user + cpu.system) / 1e6;
  return `, ${Math.round(flows / seconds)} flows per CPU-second`;
}

/** Plain-JS sender in a child process: reads length-prefixed datagrams from a file and blasts them in bursts. */
const SENDER_JS = `
const { createSocket } = require('node:dgram');
const { readFileSync } = require('node:fs');
const [port, file] = [Number(process.argv[1]), process.argv[2]];
const all = readFileSync(file);
const datagrams = [];
for (let at = 0; at < all.length;) { const n = all.readUInt32BE(at); datagrams.push(all.subarray(at + 4, at + 4 + n)); at += 4 + n; }
const socket = createSocket('udp4');
let i = 0;
const burst = () => {
  for (let n = 0; n < 200 && i < datagrams.length; n++, i++) socket.send(datagrams[i], port, '127.0.0.1');
  if (i < datagrams.length) setImmediate(burst); else setTimeout(() => socket.close(), 100);
};
burst();
`;

async function udpBench(datagrams: Buffer[]): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'flows-bench-')), 'datagrams.bin');
  writeFileSync(file, Buffer.concat(datagrams.flatMap((d) => { const n = Buffer.alloc(4); n.writeUInt32BE(d.length); return [n, d]; })));
  const send = (port: number): Promise<void> => new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SENDER_JS, String(port), file], { stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sender exited ${code}`))));
  });
  // baseline: raw receive loop
  const raw = createSocket('udp4');
  let rawDatagrams = 0;
  let rawFirst = 0;
  let rawLast = 0;
  raw.on('message', () => { if (rawDatagrams++ === 0) rawFirst = performance.now(); rawLast = performance.now(); });
  await new Promise<void>((r) => raw.bind(0, '127.0.0.1', () => r()));
  raw.setRecvBufferSize(8 * 1024 * 1024);
  let cpu = process.cpuUsage();
  await send(raw.address().port);
  await new Promise((r) => setTimeout(r, 300));
  cpu = process.cpuUsage(cpu);
  raw.close();
  rate('udp-baseline', rawDatagrams * RECORDS_PER_DATAGRAM, rawLast - rawFirst, `  received ${rawDatagrams}/${datagrams.length} datagrams${perCpu(rawDatagrams * RECORDS_PER_DATAGRAM, cpu)}`);
  let flows = 0;
  let first = 0;
  let last = 0;
  const collector = await startFlowCollector({ port: 0, host: '127.0.0.1', flushIntervalMs: 50, onBatch: (b) => { if (flows === 0) first = performance.now(); flows += b.length; last = performance.now(); } });
  cpu = process.cpuUsage();
  await send(collector.port);
  await new Promise((r) => setTimeout(r, 300));
  await collector.close();
  cpu = process.cpuUsage(cpu);
  rate('udp-collector', flows, last - first, `  received ${collector.datagrams()}/${datagrams.length} datagrams${perCpu(flows, cpu)}, rejects ${JSON.stringify(collector.rejects)}`);
  rmSync(file, { force: true });
}

async function goflowBench(): Promise<FlowBatch[]> {
  const sim = simulateFlows({ days: 1, baseFlowsPerMinute: 40 });
  const lines = [...sim.lines()];
  const text = Buffer.from(`${lines.join('\n')}\n`);
  let start = performance.now();
  let count = 0;
  for (let from = 0, nl = text.indexOf(10); nl >= 0; from = nl + 1, nl = text.indexOf(10, from)) count++;
  rate('lines-baseline', count, performance.now() - start);
  // 64 KiB chunks, as a file read stream delivers them
  const stream = (buf: Buffer): Readable => Readable.from((function* () { for (let at = 0; at < buf.length; at += 65_536) yield buf.subarray(at, at + 65_536); })());
  const batches: FlowBatch[] = [];
  start = performance.now();
  for await (const b of readFlows('bench.jsonl', { input: stream(text), exporters: sim.exporters })) batches.push(b);
  rate('goflow-json', batches.reduce((n, b) => n + b.length, 0), performance.now() - start);
  // the same flows as delimited protobuf
  const out: number[] = [];
  for (const line of lines.slice(0, 200_000)) {
    const m = JSON.parse(line.replace(/"(time_\w+_ns)":(\d+)/g, '"$1":"$2"'));
    const body: number[] = [];
    const varint = (field: number, v: number | bigint): void => { encodeVarint(field * 8, body); encodeVarint(v, body); };
    const bytes = (field: number, v: number[]): void => { encodeVarint(field * 8 + 2, body); encodeVarint(v.length, body); body.push(...v); };
    const ip = (s: string): number[] => s.split('.').map(Number);
    varint(110, BigInt(m.time_received_ns)); varint(3, m.sampling_rate); varint(111, BigInt(m.time_flow_start_ns)); varint(112, BigInt(m.time_flow_end_ns));
    varint(9, m.bytes); varint(10, m.packets); varint(20, m.proto === 'TCP' ? 6 : 17); varint(21, m.src_port); varint(22, m.dst_port);
    if (m.sampler_address.includes(':') || m.src_addr.includes(':')) continue;
    bytes(11, ip(m.sampler_address)); bytes(6, ip(m.src_addr)); bytes(7, ip(m.dst_addr));
    encodeVarint(body.length, out);
    for (const x of body) out.push(x);
  }
  const pb = Buffer.from(out);
  start = performance.now();
  let pbFlows = 0;
  for await (const b of readFlows('bench.pb', { input: stream(pb), exporters: sim.exporters })) pbFlows += b.length;
  rate('goflow-pb', pbFlows, performance.now() - start);
  return batches;
}

async function main(): Promise<void> {
  const datagrams = Number(process.argv[2] ?? 40_000);
  console.log(`node ${process.version}, ${datagrams} datagrams × ${RECORDS_PER_DATAGRAM} flows for UDP and decode runs`);
  const v9 = v9Datagrams(datagrams);
  decodeBench('decode-v9', v9);
  decodeBench('decode-v5', v5Datagrams(Math.round((datagrams * RECORDS_PER_DATAGRAM) / 30)));
  await udpBench(v9);
  const batches = await goflowBench();
  const engine = new FlowEngine();
  const start = performance.now();
  for (const b of batches) engine.ingest(b);
  engine.flush();
  rate('engine', engine.counters.flows, performance.now() - start);
}

await main();
