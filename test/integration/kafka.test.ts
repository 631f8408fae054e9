/**
 * Against a real Apache Kafka broker (deploy/kafka/kafka.sh, KRaft, 127.0.0.1 only):
 * every payload format end to end, dead letters for poison input without stalling the
 * partition, offsets committed only through markDurable, checkpoint offsets winning over
 * committed ones, lag, and a clean shutdown.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdrBatch, CdrRecord } from '../../core/cdr.js';
import { createDictionaries, type Dictionaries } from '../../core/dictionary.js';
import { ensureTopics } from '../../ingest/kafka/admin.js';
import { CdrKafkaConsumer, type CdrSourceHandler } from '../../ingest/kafka/consumer.js';
import { DeadLetterProducer } from '../../ingest/kafka/dead-letter-producer.js';
import { produceFilesToKafka } from '../../ingest/kafka/file-producer.js';
import { FORMAT_HEADER, PAYLOAD_FORMATS, REASON_HEADER, SOURCE_OFFSET_HEADER, type PayloadFormat } from '../../ingest/kafka/formats.js';
import { encodePayload } from '../../ingest/kafka/payload-encode.js';
import { KafkaOutput } from '../../ingest/kafka/producer.js';
import { KafkaConsumer, type Message, type TopicPartitionOffset } from '../../ingest/kafka/rdkafka.js';
import { sampleCdrs } from '../unit/kafka/sample-cdrs.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PORT = Number(process.env.TELSENTRY_KAFKA_TEST_PORT ?? 19192);
const BROKERS = `127.0.0.1:${PORT}`;
const RUN_DIR = mkdtempSync(join(tmpdir(), 'telsentry-kafka-it-'));
const BROKER_ENV = { ...process.env, KAFKA_PORT: String(PORT), KAFKA_CONTROLLER_PORT: String(PORT + 1), KAFKA_RUN_DIR: RUN_DIR };
const CONSUME_DEADLINE_MS = 60_000;
const RECORDS_PER_FORMAT = 1_200;
const PARTITIONS = 3;

function kafkaScript(command: 'start' | 'stop'): void {
  execFileSync('bash', [join(ROOT, 'deploy', 'kafka', 'kafka.sh'), command], { env: BROKER_ENV, stdio: 'inherit', timeout: 240_000 });
}

/** Collects what the consumer hands on: record ids per source, in order. */
class Collector implements CdrSourceHandler {
  readonly recordIds: string[] = [];
  readonly bySource = new Map<string, number>();
  durationSum = 0;
  startSum = 0;
  constructor(private readonly poisonId?: string) {}
  onBatch(sourceId: string, batch: CdrBatch): void {
    for (let i = 0; i < batch.length; i++) {
      if (batch.recordId[i] === this.poisonId) throw new Error(`poison record ${this.poisonId}`);
    }
    for (let i = 0; i < batch.length; i++) {
      this.recordIds.push(batch.recordId[i]!);
      this.durationSum += batch.durationS[i]!;
      this.startSum += batch.startMs[i]!;
    }
    this.bySource.set(sourceId, (this.bySource.get(sourceId) ?? 0) + batch.length);
  }
}

interface Harness {
  consumer: CdrKafkaConsumer;
  collector: Collector;
  deadLetters: DeadLetterProducer;
  dictionaries: Dictionaries;
}

async function startConsumer(
  topic: string, format: PayloadFormat, groupId: string, dlqTopic: string,
  opts: { poisonId?: string; startOffsets?: TopicPartitionOffset[] } = {},
): Promise<Harness> {
  const deadLetters = new DeadLetterProducer({ brokers: BROKERS, clientId: `${groupId}-dlq`, topic: dlqTopic });
  await deadLetters.connect();
  const collector = new Collector(opts.poisonId);
  const dictionaries = createDictionaries();
  const consumer = new CdrKafkaConsumer(
    { brokers: BROKERS, groupId, topics: [{ topic, format }], deadLetterTopic: dlqTopic, maxMessagesPerPoll: 500 },
    collector,
    { dictionaries, deadLetters, dedupeHorizonMs: 86_400_000, ...(opts.startOffsets ? { startOffsets: opts.startOffsets } : {}) },
  );
  await consumer.connect();
  return { consumer, collector, deadLetters, dictionaries };
}

/** Polls until `done()` holds (bounded). */
async function pollUntil(consumer: CdrKafkaConsumer, done: () => boolean, deadlineMs = CONSUME_DEADLINE_MS): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`condition not reached in ${deadlineMs} ms (stats ${JSON.stringify(consumer.stats)})`);
    await consumer.pollOnce();
  }
}

async function stopConsumer(h: Harness): Promise<void> {
  await h.consumer.close();
  await h.deadLetters.close();
}

/** Every message of `topic` from the beginning (plain consumer, no group offsets). */
async function readAll(topic: string, partitions: number, expected: number): Promise<Message[]> {
  const reader = new KafkaConsumer({ 'metadata.broker.list': BROKERS, 'group.id': `reader-${topic}-${Date.now()}`, 'enable.auto.commit': false }, {});
  await new Promise<void>((resolve, reject) => reader.connect({}, (err) => (err ? reject(err) : resolve())));
  reader.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition, offset: 0 })));
  const messages: Message[] = [];
  const deadline = Date.now() + CONSUME_DEADLINE_MS;
  while (messages.length < expected && Date.now() < deadline) {
    messages.push(...await new Promise<Message[]>((resolve) => reader.consume(500, (err, batch) => resolve(err ? [] : batch))));
  }
  await new Promise<void>((resolve) => reader.disconnect(() => resolve()));
  return messages;
}

function header(message: Message, name: string): string | undefined {
  for (const h of message.headers ?? []) if (h[name] !== undefined) return h[name]!.toString();
  return undefined;
}

describe('Kafka ingest against a real broker', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'telsentry-kafka-files-'));

  beforeAll(async () => {
    kafkaScript('start');
    await ensureTopics(BROKERS, [
      ...PAYLOAD_FORMATS.map((f) => ({ topic: `cdr.${f}`, partitions: PARTITIONS })),
      { topic: 'cdr.dlq', partitions: 1 },
      { topic: 'cdr.poison', partitions: 1 },
      { topic: 'cdr.poison.dlq', partitions: 1 },
      { topic: 'cdr.offsets', partitions: 2 },
    ]);
  });

  afterAll(() => {
    try {
      kafkaScript('stop');
    } finally {
      rmSync(RUN_DIR, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  for (const format of PAYLOAD_FORMATS) {
    it(`${format}: a simulated file produced to Kafka is consumed completely with the same values`, async () => {
      const records = sampleCdrs(RECORDS_PER_FORMAT);
      const file = join(workDir, `cdr-${format}.jsonl`);
      writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
      const produced = await produceFilesToKafka({ brokers: BROKERS, topic: `cdr.${format}`, files: [file], format, recordsPerMessage: 100 });
      expect(produced.records).toBe(RECORDS_PER_FORMAT);
      expect(produced.messages).toBeGreaterThanOrEqual(format === 'json' ? RECORDS_PER_FORMAT : RECORDS_PER_FORMAT / 100);

      const h = await startConsumer(`cdr.${format}`, format, `it-${format}`, 'cdr.dlq');
      try {
        await pollUntil(h.consumer, () => h.collector.recordIds.length >= RECORDS_PER_FORMAT);
        expect(h.consumer.stats.deadLettered).toBe(0);
        expect(new Set(h.collector.recordIds)).toEqual(new Set(records.map((r) => r.record_id)));
        expect(h.collector.recordIds).toHaveLength(RECORDS_PER_FORMAT);
        expect(h.collector.durationSum).toBeCloseTo(records.reduce((s, r) => s + (r.duration_s ?? 0), 0), 6);
        expect(h.collector.startSum).toBe(records.reduce((s, r) => s + (r.start_time as number), 0));
        // Keyed by served IMSI across all partitions, one source id per partition.
        expect([...h.collector.bySource.keys()].sort()).toEqual([0, 1, 2].map((p) => `cdr.${format}/${p}`));
        // Caught up: nothing left behind the log end on any owned partition.
        expect(h.consumer.lag().map((l) => l.lag)).toEqual([0, 0, 0]);
      } finally {
        await stopConsumer(h);
      }
    });
  }

  it('poison input goes to the dead-letter topic with its reason and the partition keeps moving', async () => {
    const [good1, good2, good3, poison, good4] = sampleCdrs(5, 1_763_100_000_000).map((r, i) => ({ ...r, record_id: `p${i}` }));
    const out = new KafkaOutput({ brokers: BROKERS, clientId: 'it-poison' });
    await out.connect();
    const topic = 'cdr.poison';
    const jsonl = (rs: CdrRecord[]): Buffer => encodePayload('jsonl', rs);
    await out.sendTo(topic, 0, jsonl([good1!]), 'k1');
    await out.sendTo(topic, 0, Buffer.from('not arrow at all'), 'k2', [{ [FORMAT_HEADER]: 'arrow' }]);
    await out.sendTo(topic, 0, jsonl([good2!]), 'k3', [{ [FORMAT_HEADER]: 'xml' }]);
    await out.sendTo(topic, 0, Buffer.alloc(0), 'k4');
    await out.sendTo(topic, 0, Buffer.concat([jsonl([good3!]), Buffer.from('{broken json\n'), jsonl([{ ...good3!, record_id: 'bad-imsi', imsi: 'x' }])]), 'k5');
    await out.sendTo(topic, 0, jsonl([poison!]), 'k6');
    await out.sendTo(topic, 0, jsonl([good4!]), 'k7');
    await out.flush();
    await out.close();

    const h = await startConsumer(topic, 'jsonl', 'it-poison', 'cdr.poison.dlq', { poisonId: 'p3' });
    try {
      await pollUntil(h.consumer, () => h.consumer.stats.messages >= 7);
      await h.consumer.flushDeadLetters();
      expect(h.collector.recordIds).toEqual(['p0', 'p2', 'p4']);
      expect(h.consumer.processedOffsets()).toEqual([{ topic, partition: 0, offset: 7 }]);
    } finally {
      await stopConsumer(h);
    }
    const letters = await readAll('cdr.poison.dlq', 1, 6);
    const summary = letters.map((m) => [header(m, REASON_HEADER), m.key?.toString(), Number(header(m, SOURCE_OFFSET_HEADER))]);
    expect(summary).toEqual([
      ['malformed_payload', 'k2', 1],
      ['unknown_format', 'k3', 2],
      ['empty_payload', 'k4', 3],
      ['malformed_row', 'k5', 4],
      ['invalid:imsi', 'k5', 4],
      ['processing_failed', 'k6', 5],
    ]);
    expect(letters[1]!.value!.toString()).toBe(jsonl([good2!]).toString()); // original value kept
    expect(letters[3]!.value!.toString()).toBe('{broken json');
    expect(JSON.parse(letters[4]!.value!.toString()).record_id).toBe('bad-imsi');
  });

  it('offsets are committed only through markDurable, and checkpoint offsets win over committed ones', async () => {
    const topic = 'cdr.offsets';
    const group = 'it-offsets';
    const file = join(workDir, 'offsets.jsonl');
    const first = sampleCdrs(200, 1_763_200_000_000).map((r) => ({ ...r, record_id: `a${r.record_id}` }));
    writeFileSync(file, first.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await produceFilesToKafka({ brokers: BROKERS, topic, files: [file], format: 'protobuf', recordsPerMessage: 10 });

    // Run 1 consumes everything but never marks it durable: nothing is committed.
    let h = await startConsumer(topic, 'protobuf', group, 'cdr.dlq');
    await pollUntil(h.consumer, () => h.collector.recordIds.length >= 200);
    await stopConsumer(h);

    // Run 2 sees all of it again; this time it marks the offsets durable.
    h = await startConsumer(topic, 'protobuf', group, 'cdr.dlq');
    await pollUntil(h.consumer, () => h.collector.recordIds.length >= 200);
    const checkpointOffsets = h.consumer.processedOffsets();
    await h.consumer.flushDeadLetters();
    h.consumer.markDurable(checkpointOffsets);
    await stopConsumer(h);
    expect(h.collector.recordIds).toHaveLength(200);

    const second = sampleCdrs(50, 1_763_300_000_000).map((r) => ({ ...r, record_id: `b${r.record_id}` }));
    writeFileSync(file, second.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await produceFilesToKafka({ brokers: BROKERS, topic, files: [file], format: 'protobuf', recordsPerMessage: 10 });

    // Run 3 resumes at the committed offsets: only the new records.
    h = await startConsumer(topic, 'protobuf', group, 'cdr.dlq');
    await pollUntil(h.consumer, () => h.collector.recordIds.length >= 50);
    for (let i = 0; i < 5; i++) await h.consumer.pollOnce(); // nothing more may arrive
    await stopConsumer(h);
    expect(new Set(h.collector.recordIds)).toEqual(new Set(second.map((r) => r.record_id)));

    // Run 4 restores the older checkpoint: it must re-read the second batch even though the group committed past it.
    h = await startConsumer(topic, 'protobuf', group, 'cdr.dlq', { startOffsets: checkpointOffsets });
    await pollUntil(h.consumer, () => h.collector.recordIds.length >= 50);
    await h.consumer.close();
    await h.consumer.close(); // a second close is a no-op, not a crash
    await h.deadLetters.close();
    expect(new Set(h.collector.recordIds)).toEqual(new Set(second.map((r) => r.record_id)));
  });
});
