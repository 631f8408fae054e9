/**
 * End-to-end Kafka ingest throughput through a real broker on this machine: CDRs are
 * produced (node-rdkafka, idempotent, lz4) and consumed by CdrKafkaConsumer (decode +
 * Contract 1 validation + dedupe + CdrBatch), timed from the first produce to the last
 * record handed to the handler. Producer, broker and consumer share the machine's cores.
 *
 *   batched   protobuf CdrBatch and Arrow IPC, RECORDS_PER_MESSAGE CDRs per message → CDR/s
 *   single    one JSON CDR per message → messages/s
 *
 * Encoding is done before the clock starts and reported on its own (it is the producer's
 * cost, not the ingest path's). Uses KAFKA_BROKERS when set; otherwise starts its own broker
 * with deploy/kafka/kafka.sh on port 19292 and stops it at the end.
 * Usage: npx vite-node bench/kafka-throughput.ts [batchedCdrs=1000000] [singleMessages=200000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { CdrRecord } from '../core/cdr.js';
import { createDictionaries } from '../core/dictionary.js';
import { ensureTopics } from '../ingest/kafka/admin.js';
import { CdrKafkaConsumer } from '../ingest/kafka/consumer.js';
import type { DeadLetterSink } from '../ingest/kafka/dead-letter-producer.js';
import type { PayloadFormat } from '../ingest/kafka/formats.js';
import { encodePayload } from '../ingest/kafka/payload-encode.js';
import { KafkaOutput } from '../ingest/kafka/producer.js';

const RECORDS_PER_MESSAGE = 500; // "hundreds of CDRs per message" (issue 4); ~60 KB protobuf
const PARTITIONS = 4;
const BENCH_PORT = 19292;
const DEADLINE_MS = 600_000;

function syntheticCdrs(count: number, seed: number): CdrRecord[] {
  let x = seed >>> 0 || 1;
  const rand = (): number => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
  const baseMs = Date.UTC(2026, 10, 2, 0, 0, 0);
  const records: CdrRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const sub = Math.floor(rand() * 20_000);
    const peer = Math.floor(rand() * 100_000);
    const kind = rand();
    const common = {
      record_id: `b${seed}-${i}`, operator: '452-04', start_time: baseMs + Math.floor(i * 86_400_000 / count),
      imsi: `45204${String(1_000_000_000 + sub)}`, imei: `3569380356${String(10_000 + sub)}`, cell_id: `452-04-${1000 + (sub % 50)}-${sub % 300}`,
    };
    if (kind < 0.7) {
      const answered = rand() < 0.75;
      records[i] = { ...common, event: 'voice', direction: rand() < 0.5 ? 'mo' : 'mt', answered, duration_s: answered ? Math.floor(rand() * 300) : 0,
        caller: `849${String(10_000_000 + sub)}`, callee: `849${String(20_000_000 + peer)}`, trunk_in: '' };
    } else if (kind < 0.9) {
      records[i] = { ...common, event: 'sms', direction: 'mo', caller: `849${String(10_000_000 + sub)}`, callee: `849${String(20_000_000 + peer)}` };
    } else {
      records[i] = { ...common, event: 'data', direction: 'mo', duration_s: 600, bytes: Math.floor(rand() * 1e7) };
    }
  }
  return records;
}

/** Messages per partition, records keyed by served IMSI as the file producer does. */
function encodeMessages(records: readonly CdrRecord[], format: PayloadFormat, perMessage: number): { partition: number; value: Buffer; key: string | null }[] {
  const byPartition: CdrRecord[][] = Array.from({ length: PARTITIONS }, () => []);
  for (const r of records) byPartition[crc32(r.imsi) % PARTITIONS]!.push(r);
  const messages: { partition: number; value: Buffer; key: string | null }[] = [];
  for (let p = 0; p < PARTITIONS; p++) {
    const list = byPartition[p]!;
    for (let i = 0; i < list.length; i += perMessage) {
      const chunk = list.slice(i, i + perMessage);
      messages.push({ partition: p, value: encodePayload(format, chunk), key: chunk.length === 1 ? chunk[0]!.imsi : null });
    }
  }
  return messages;
}

const noDeadLetters: DeadLetterSink = { send: () => Promise.reject(new Error('bench input is all valid')), flush: () => Promise.resolve() };

async function runCase(brokers: string, name: string, format: PayloadFormat, records: CdrRecord[], perMessage: number): Promise<void> {
  const topic = `bench.${name}.${Date.now()}`;
  await ensureTopics(brokers, [{ topic, partitions: PARTITIONS }]);
  const e0 = process.hrtime.bigint();
  const messages = encodeMessages(records, format, perMessage);
  const encodeS = Number(process.hrtime.bigint() - e0) / 1e9;
  const bytes = messages.reduce((s, m) => s + m.value.length, 0);

  let received = 0;
  let assigned = false;
  const consumer = new CdrKafkaConsumer(
    { brokers, groupId: `${topic}-group`, topics: [{ topic, format }], deadLetterTopic: `${topic}.dlq`, maxMessagesPerPoll: perMessage > 1 ? 100 : 5_000,
      rdkafka: { 'fetch.message.max.bytes': 8 * 1024 * 1024, 'queued.max.messages.kbytes': 262_144 } },
    { onBatch: (_source, batch) => { received += batch.length; }, onAssigned: () => { assigned = true; } },
    { dictionaries: createDictionaries(), deadLetters: noDeadLetters, dedupeHorizonMs: 86_400_000 },
  );
  await consumer.connect();
  const joinDeadline = Date.now() + 60_000;
  while (!assigned && Date.now() < joinDeadline) await consumer.pollOnce();

  const output = new KafkaOutput({ brokers, clientId: `${topic}-producer`, rdkafka: { 'linger.ms': 20, 'batch.num.messages': 10_000 } });
  await output.connect();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const deadline = Date.now() + DEADLINE_MS;
  // The producer runs while consume(n) waits in node-rdkafka's worker thread: one process does
  // both, as a simulator feeding a single engine instance on the same machine would.
  const producing = (async () => {
    for (let sent = 0; sent < messages.length; sent++) {
      await output.sendTo(topic, messages[sent]!.partition, messages[sent]!.value, messages[sent]!.key);
      if (sent % 1_000 === 999) await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  while (received < records.length) {
    if (Date.now() > deadline) throw new Error(`${name}: ${received}/${records.length} after ${DEADLINE_MS} ms`);
    await consumer.pollOnce();
  }
  await producing;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  await output.flush();
  await output.close();
  await consumer.close();
  console.log(JSON.stringify({
    case: name, format, recordsPerMessage: perMessage, records: records.length, messages: messages.length,
    payloadMB: +(bytes / 1e6).toFixed(1), seconds: +seconds.toFixed(2),
    cdrPerS: Math.round(records.length / seconds), messagesPerS: Math.round(messages.length / seconds),
    nodeCpuS: +((cpu.user + cpu.system) / 1e6).toFixed(2), encodeCdrPerS: Math.round(records.length / encodeS),
  }));
}

async function main(): Promise<void> {
  const batchedCdrs = Number(process.argv[2] ?? 1_000_000);
  const singleMessages = Number(process.argv[3] ?? 200_000);
  let brokers = process.env.KAFKA_BROKERS;
  let runDir: string | null = null;
  const script = join(import.meta.dirname, '..', 'deploy', 'kafka', 'kafka.sh');
  const env = { ...process.env, KAFKA_PORT: String(BENCH_PORT), KAFKA_CONTROLLER_PORT: String(BENCH_PORT + 1) };
  if (brokers === undefined) {
    runDir = mkdtempSync(join(tmpdir(), 'telsentry-kafka-bench-'));
    execFileSync('bash', [script, 'start'], { env: { ...env, KAFKA_RUN_DIR: runDir }, stdio: 'inherit' });
    brokers = `127.0.0.1:${BENCH_PORT}`;
  }
  try {
    const batched = syntheticCdrs(batchedCdrs, 1);
    await runCase(brokers, 'batched-protobuf', 'protobuf', batched, RECORDS_PER_MESSAGE);
    await runCase(brokers, 'batched-arrow', 'arrow', batched, RECORDS_PER_MESSAGE);
    await runCase(brokers, 'single-json', 'json', syntheticCdrs(singleMessages, 2), 1);
  } finally {
    if (runDir !== null) {
      execFileSync('bash', [script, 'stop'], { env: { ...env, KAFKA_RUN_DIR: runDir }, stdio: 'inherit' });
      rmSync(runDir, { recursive: true, force: true });
    }
  }
}

await main();
