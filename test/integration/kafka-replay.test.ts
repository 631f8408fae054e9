/**
 * A simulated day through the real broker gives the findings `telsentry replay` gives on the
 * same files (same ids, types, subjects, severities and first event times; evidence may
 * differ in a few order-dependent details, bounded below): CDR files → produceFilesToKafka (protobuf, 3 partitions keyed by IMSI) →
 * CdrKafkaConsumer → Engine with every detector → FindingsProducer → findings topic.
 * Side feeds are loaded from the files on both paths.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../../cli/replay.js';
import { dedupeHorizonMs, validateConfig } from '../../core/config.js';
import { createDictionaries } from '../../core/dictionary.js';
import type { Finding } from '../../core/finding.js';
import { createDetectors } from '../../detectors/index.js';
import { Engine } from '../../engine/engine.js';
import { loadSideFeeds } from '../../engine/file-replay.js';
import { IngestStats } from '../../ingest/index.js';
import { ensureTopics } from '../../ingest/kafka/admin.js';
import { CdrKafkaConsumer } from '../../ingest/kafka/consumer.js';
import { DeadLetterProducer } from '../../ingest/kafka/dead-letter-producer.js';
import { produceFilesToKafka } from '../../ingest/kafka/file-producer.js';
import { FindingsProducer } from '../../ingest/kafka/producer.js';
import { KafkaConsumer, type Message } from '../../ingest/kafka/rdkafka.js';
import { simulate } from '../../sim/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PORT = Number(process.env.TELSENTRY_KAFKA_TEST_PORT ?? 19192) + 8;
const BROKERS = `127.0.0.1:${PORT}`;
const RUN_DIR = mkdtempSync(join(tmpdir(), 'telsentry-kafka-replay-'));
const BROKER_ENV = { ...process.env, KAFKA_PORT: String(PORT), KAFKA_CONTROLLER_PORT: String(PORT + 1), KAFKA_RUN_DIR: join(RUN_DIR, 'broker') };
const DEADLINE_MS = 240_000;

function kafkaScript(command: 'start' | 'stop'): void {
  execFileSync('bash', [join(ROOT, 'deploy', 'kafka', 'kafka.sh'), command], { env: BROKER_ENV, stdio: 'inherit', timeout: 240_000 });
}

/** Latest version of every finding on the topic (keyed by id). */
async function latestFindings(topic: string): Promise<Map<string, Finding>> {
  const reader = new KafkaConsumer({ 'metadata.broker.list': BROKERS, 'group.id': `reader-${Date.now()}`, 'enable.auto.commit': false, 'enable.partition.eof': true }, {});
  await new Promise<void>((resolve, reject) => reader.connect({}, (err) => (err ? reject(err) : resolve())));
  reader.assign([{ topic, partition: 0, offset: 0 }]);
  let eof = false;
  reader.on('partition.eof', () => { eof = true; });
  const latest = new Map<string, Finding>();
  const deadline = Date.now() + 60_000;
  while (!eof && Date.now() < deadline) {
    const batch = await new Promise<Message[]>((resolve) => reader.consume(1_000, (err, messages) => resolve(err ? [] : messages)));
    for (const m of batch) latest.set(m.key!.toString(), JSON.parse(m.value!.toString()) as Finding);
  }
  await new Promise<void>((resolve) => reader.disconnect(() => resolve()));
  return latest;
}

describe('Kafka path vs telsentry replay', () => {
  beforeAll(async () => {
    kafkaScript('start');
    await ensureTopics(BROKERS, [
      { topic: 'day.cdr', partitions: 3 },
      { topic: 'day.dlq', partitions: 1 },
      { topic: 'day.findings', partitions: 1, config: { 'cleanup.policy': 'compact' } },
    ]);
  });

  afterAll(() => {
    try {
      kafkaScript('stop');
    } finally {
      rmSync(RUN_DIR, { recursive: true, force: true });
    }
  });

  it('a simulated day consumed from Kafka raises the same findings as replay on the files', async () => {
    const { files } = await simulate({ outDir: join(RUN_DIR, 'sim'), seed: 11, subscribers: 1_000, days: 1, scenario: 'mixed', format: 'csv', gzip: true });
    const config = validateConfig({});
    const reference = await replay({ config, cdrFiles: files.cdr, subscribersFile: files.subscribers, cellsFile: files.cells, testCallsFile: files.testCalls });
    expect(reference.findings.length).toBeGreaterThan(0);

    const produced = await produceFilesToKafka({ brokers: BROKERS, topic: 'day.cdr', files: files.cdr, format: 'protobuf', recordsPerMessage: 50 });
    const dictionaries = createDictionaries();
    const engine = new Engine({ config, dictionaries, detectors: createDetectors() });
    const sideStats = new IngestStats(); // replay's summary counts side-feed rows too
    await loadSideFeeds({ cdrFiles: [], subscribersFile: files.subscribers, cellsFile: files.cells, testCallsFile: files.testCalls }, { engine, stats: sideStats });
    const findings = new FindingsProducer({ brokers: BROKERS, clientId: 'day-findings', topic: 'day.findings' });
    const deadLetters = new DeadLetterProducer({ brokers: BROKERS, clientId: 'day-dlq', topic: 'day.dlq' });
    await findings.connect();
    await deadLetters.connect();
    const sending: Promise<void>[] = [];
    engine.onFinding((finding) => void sending.push(findings.sendFinding(finding)));
    const consumer = new CdrKafkaConsumer(
      { brokers: BROKERS, groupId: 'day-engine', topics: [{ topic: 'day.cdr', format: 'protobuf' }], deadLetterTopic: 'day.dlq' },
      { onBatch: (sourceId, batch) => engine.ingest(sourceId, batch), onSourceIdle: (sourceId) => engine.closeSource(sourceId) },
      { dictionaries, deadLetters, dedupeHorizonMs: dedupeHorizonMs(config) },
    );
    try {
      await consumer.connect();
      const deadline = Date.now() + DEADLINE_MS;
      const handed = (): number => consumer.stats.accepted + consumer.stats.duplicates + consumer.stats.recordsRejected;
      while (handed() < produced.records) {
        if (Date.now() > deadline) throw new Error(`handed on ${handed()} of ${produced.records} records`);
        await consumer.pollOnce();
      }
      for (const { sourceId } of consumer.lag()) engine.closeSource(sourceId);
      engine.finish();
      // End of input: like replay's findings file, the final version of every finding goes out
      // (the ledger only emits material changes while the stream runs).
      for (const finding of engine.findings()) sending.push(findings.sendFinding(finding));
      await Promise.all(sending);
      await findings.flush();
      await consumer.flushDeadLetters();
    } finally {
      await consumer.close();
      await findings.close();
      await deadLetters.close();
    }
    expect(consumer.stats.accepted + consumer.stats.duplicates + consumer.stats.recordsRejected).toBe(produced.records);
    expect(consumer.stats.records + sideStats.read).toBe(reference.summary.recordsRead);
    expect(consumer.stats.accepted + sideStats.accepted).toBe(reference.summary.recordsAccepted);
    expect(consumer.stats.duplicates + sideStats.duplicates).toBe(reference.summary.duplicatesDropped);

    const onTopic = await latestFindings('day.findings');
    const expected = new Map(reference.findings.map((f) => [f.id, f]));
    expect([...onTopic.keys()].sort()).toEqual([...expected.keys()].sort());
    // The same findings are raised: the id fixes type, subject and episode, and the detector must agree.
    for (const [id, finding] of onTopic) expect(finding.detector).toBe(expected.get(id)!.detector);
    // How bad, where, since when: nearly always equal. They can differ when a record reaches the engine
    // late on one path (Kafka partitions deliver ~1,000 records of a day after their minute closed, the
    // files ~50) and in time on the other, and a detector's time-expiring state sees it at another
    // moment (e.g. which operator's subscriber a foreign Wangiri number rang first). Logged, bounded.
    const attributes = (f: Finding): string => JSON.stringify({ severity: f.severity, operator: f.operator, province: f.province,
      district: f.district, first_event_at: f.first_event_at });
    const attributeDiffs = [...onTopic].filter(([id, finding]) => attributes(finding) !== attributes(expected.get(id)!));
    for (const [id, finding] of attributeDiffs) console.log(`kafka vs replay: ${id}: ${attributes(finding)} vs ${attributes(expected.get(id)!)}`);
    expect(attributeDiffs.length).toBeLessThanOrEqual(Math.floor(onTopic.size * 0.03));
    // Evidence counters may differ a little more: a few features (caller's current cell, first
    // sample records) depend on the order records of one minute were applied in.
    const evidenceOf = (f: Finding): string => JSON.stringify({ ...f.evidence, sample_record_ids: undefined });
    const differing = [...onTopic].filter(([id, finding]) => evidenceOf(finding) !== evidenceOf(expected.get(id)!)).length;
    console.log(`kafka vs replay: ${onTopic.size} findings, ${attributeDiffs.length} with different attributes, ${differing} with different evidence`);
    expect(differing).toBeLessThanOrEqual(Math.ceil(onTopic.size * 0.1));
  });
});
