/**
 * Side feeds on Kafka: `telsentry start` reading subscribers, cells and test calls from topics
 * (CSV messages with their header row; subscribers over two partitions) gives the same
 * findings and daily rows as `start` reading the same side feeds from files, also when it is
 * killed once mid-stream (the feeds' positions are restored with the engine, nothing is
 * applied twice). Broken side-feed messages land on the dead-letter topic with their reason
 * and do not stop the feed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTopics } from '../../ingest/kafka/admin.js';
import { produceFilesToKafka } from '../../ingest/kafka/file-producer.js';
import { KafkaOutput } from '../../ingest/kafka/producer.js';
import { KafkaConsumer, type Message } from '../../ingest/kafka/rdkafka.js';
import { simulate, type SimulationFiles } from '../../sim/index.js';
import { Store } from '../../store/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PORT = Number(process.env.TELSENTRY_KAFKA_TEST_PORT ?? 19192) + 16;
const BROKERS = `127.0.0.1:${PORT}`;
const RUN_DIR = mkdtempSync(join(tmpdir(), 'telsentry-kafka-side-feeds-'));
const BROKER_ENV = { ...process.env, KAFKA_PORT: String(PORT), KAFKA_CONTROLLER_PORT: String(PORT + 1), KAFKA_RUN_DIR: join(RUN_DIR, 'broker') };
const RUN_DEADLINE_MS = 240_000;
const CHECKPOINT_INTERVAL_MS = 300;
const ROWS_PER_MESSAGE = 200;
const TOPICS = { cdr: 'side.cdr', subscribers: 'side.subscribers', cells: 'side.cells', testCalls: 'side.test_calls', dlq: 'telsentry.cdr.dlq' };

function kafkaScript(command: 'start' | 'stop'): void {
  execFileSync('bash', [join(ROOT, 'deploy', 'kafka', 'kafka.sh'), command], { env: BROKER_ENV, stdio: 'inherit', timeout: 240_000 });
}

function textOf(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** A CSV file as messages of ROWS_PER_MESSAGE rows, each with the header row, round-robin over the partitions. */
async function produceCsvFile(output: KafkaOutput, topic: string, path: string, partitions: number): Promise<number> {
  const [header, ...rows] = textOf(path).split('\n').filter((line) => line.trim() !== '');
  let messages = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) {
    await output.sendTo(topic, messages % partitions, Buffer.from([header, ...rows.slice(i, i + ROWS_PER_MESSAGE)].join('\n') + '\n'), null);
    messages++;
  }
  return rows.length;
}

interface StartRun {
  exitCode: number | null;
  killedAfterRecords: number | null;
  restoredSeq: number;
  sideFeedLines: string[];
  /** Last lines of its log, for failure messages. */
  tail: string;
}

/** `telsentry start` on Kafka until the input is consumed; killed with SIGKILL after a checkpoint covering `killAtRecords`. */
function runStart(name: string, sideFeeds: string[], killAtRecords: number | null): Promise<StartRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'telsentry.js'), 'start',
      '--kafka-brokers', BROKERS, '--kafka-topic', TOPICS.cdr, '--kafka-group-id', `side-${name}`, '--kafka-findings-topic', `side.findings.${name}`,
      '--kafka-max-messages-per-poll', '20', '--checkpoint-interval-ms', String(CHECKPOINT_INTERVAL_MS), ...sideFeeds,
      '--data-dir', join(RUN_DIR, name), '--grpc-port', '0', '--metrics-port', '0', '--quiet', '--exit-when-done',
    ], { cwd: ROOT, env: { ...process.env, TELSENTRY_KAFKA_BROKERS: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    const run: StartRun = { exitCode: null, killedAfterRecords: null, restoredSeq: 0, sideFeedLines: [], tail: '' };
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_DEADLINE_MS);
    const lines: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => {
      lines.push(line);
      if (line.includes('side feeds read to their end')) run.sideFeedLines.push(line);
      const restored = /restored checkpoint (\d+)/.exec(line);
      if (restored) run.restoredSeq = Number(restored[1]);
      const checkpoint = /checkpoint \d+: (\d+) records applied/.exec(line);
      if (checkpoint && killAtRecords !== null && run.killedAfterRecords === null && Number(checkpoint[1]) >= killAtRecords) {
        run.killedAfterRecords = Number(checkpoint[1]);
        setTimeout(() => child.kill('SIGKILL'), CHECKPOINT_INTERVAL_MS / 2);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      run.exitCode = code;
      run.tail = lines.slice(-20).join('\n');
      resolve(run);
    });
  });
}

async function tableRows(name: string, query: string): Promise<string[]> {
  const store = await Store.open(join(RUN_DIR, name, 'telsentry.duckdb'));
  try {
    return (await store.connections.read(query, {})).map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  } finally {
    await store.close();
  }
}

/** Every message of a one-partition topic, to its end. */
async function readTopic(topic: string): Promise<Message[]> {
  const reader = new KafkaConsumer({ 'metadata.broker.list': BROKERS, 'group.id': `reader-${Date.now()}`, 'enable.auto.commit': false, 'enable.partition.eof': true }, {});
  await new Promise<void>((resolve, reject) => reader.connect({}, (err) => (err ? reject(err) : resolve())));
  reader.assign([{ topic, partition: 0, offset: 0 }]);
  let eof = false;
  reader.on('partition.eof', () => { eof = true; });
  const messages: Message[] = [];
  const deadline = Date.now() + 60_000;
  while (!eof && Date.now() < deadline) {
    messages.push(...await new Promise<Message[]>((resolve) => reader.consume(1_000, (err, batch) => resolve(err ? [] : batch))));
  }
  await new Promise<void>((resolve) => reader.disconnect(() => resolve()));
  return messages;
}

const header = (m: Message, name: string): string | undefined => {
  const entry = m.headers?.find((h) => Object.keys(h)[0] === name);
  return entry === undefined ? undefined : String(Object.values(entry)[0]);
};

const FINDINGS = `SELECT id, type, severity, score, subject_kind, subject_value, related::VARCHAR AS related, operator, province, district,
  first_event_at, detected_at, evidence::VARCHAR AS evidence, detector FROM findings ORDER BY id`;
const DAILY_FEATURES = 'SELECT * EXCLUDE (day), day::VARCHAR AS day FROM daily_features ORDER BY ALL';

describe('side feeds from Kafka topics', () => {
  let files: SimulationFiles;
  let cdrRecords = 0;
  const counts = { subscribers: 0, cells: 0, testCalls: 0 };

  beforeAll(async () => {
    kafkaScript('start');
    await ensureTopics(BROKERS, [
      { topic: TOPICS.cdr, partitions: 1 },
      { topic: TOPICS.subscribers, partitions: 2 },
      { topic: TOPICS.cells, partitions: 1 },
      { topic: TOPICS.testCalls, partitions: 1 },
      { topic: TOPICS.dlq, partitions: 1 },
      ...['files', 'topics'].map((name) => ({ topic: `side.findings.${name}`, partitions: 1, config: { 'cleanup.policy': 'compact' } })),
    ]);
    ({ files } = await simulate({ outDir: join(RUN_DIR, 'sim'), seed: 33, subscribers: 800, days: 1, scenario: 'mixed', format: 'csv', gzip: true }));
    cdrRecords = (await produceFilesToKafka({ brokers: BROKERS, topic: TOPICS.cdr, files: files.cdr, format: 'protobuf', recordsPerMessage: 25 })).records;
    const output = new KafkaOutput({ brokers: BROKERS, clientId: 'side-feed-test' });
    await output.connect();
    try {
      counts.subscribers = await produceCsvFile(output, TOPICS.subscribers, files.subscribers, 2);
      counts.cells = await produceCsvFile(output, TOPICS.cells, files.cells, 1);
      counts.testCalls = await produceCsvFile(output, TOPICS.testCalls, files.testCalls, 1);
      // Broken messages between good ones: an empty message and a row with a bad IMSI next to a good (repeated) row.
      await output.sendTo(TOPICS.subscribers, 0, Buffer.alloc(0), null);
      const [subscriberHeader, firstRow] = textOf(files.subscribers).split('\n');
      const badRow = firstRow!.split(',').map((v, i) => (subscriberHeader!.split(',')[i] === 'imsi' ? '45204ABC' : v)).join(',');
      await output.sendTo(TOPICS.subscribers, 1, Buffer.from(`${subscriberHeader}\n${badRow}\n${firstRow}\n`), null);
      await output.flush();
    } finally {
      await output.close();
    }
  }, 300_000);

  afterAll(() => {
    try {
      kafkaScript('stop');
    } finally {
      rmSync(RUN_DIR, { recursive: true, force: true });
    }
  });

  it('gives the findings and daily rows of the same feeds read from files, across a kill', async () => {
    expect(cdrRecords).toBeGreaterThan(8_000);
    expect(counts.testCalls).toBeGreaterThan(0);
    const fromFiles = await runStart('files', ['--subscribers', files.subscribers, '--cells', files.cells, '--test-calls', files.testCalls], null);
    expect(fromFiles.exitCode, fromFiles.tail).toBe(0);

    const topicFlags = ['--kafka-subscribers-topic', TOPICS.subscribers, '--kafka-cells-topic', TOPICS.cells, '--kafka-test-calls-topic', TOPICS.testCalls, '--kafka-side-feed-format', 'csv'];
    const killed = await runStart('topics', topicFlags, Math.floor(cdrRecords / 2));
    expect(killed.killedAfterRecords, killed.tail).not.toBeNull();
    expect(killed.exitCode).toBeNull();
    // Bootstrap applied every good row (+1: the good row repeated beside the bad one) and rejected the bad one.
    expect(killed.sideFeedLines[0]).toContain(`${counts.subscribers + 1} subscribers, ${counts.cells} cells, ${counts.testCalls} test calls applied; 1 rows and 1 messages rejected`);
    const resumed = await runStart('topics', topicFlags, null);
    expect(resumed.exitCode, resumed.tail).toBe(0);
    expect(resumed.restoredSeq).toBeGreaterThan(0);
    // Restored positions: nothing read again.
    expect(resumed.sideFeedLines[0]).toContain('0 subscribers, 0 cells, 0 test calls applied; 0 rows and 0 messages rejected');

    const expected = await tableRows('files', FINDINGS);
    expect(expected.some((row) => row.includes('"tcg_bypass"')), 'test calls took effect').toBe(true);
    expect(await tableRows('topics', FINDINGS)).toEqual(expected);
    const daily = await tableRows('files', DAILY_FEATURES);
    expect(daily.length).toBeGreaterThan(100);
    expect(await tableRows('topics', DAILY_FEATURES)).toEqual(daily);

    const letters = (await readTopic(TOPICS.dlq)).filter((m) => header(m, 'telsentry-source-topic') === TOPICS.subscribers);
    expect(letters.map((m) => header(m, 'telsentry-reason')).sort()).toEqual(['empty_payload', 'invalid:imsi']);
  });
});
