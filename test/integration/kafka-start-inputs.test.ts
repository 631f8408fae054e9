/**
 * `telsentry start` on Kafka reading its other inputs from topics, each run killed once
 * mid-stream with SIGKILL and restarted:
 *  - side feeds: subscribers, cells and test calls from topics (CSV messages with their header
 *    row; subscribers over two partitions) give the same findings and daily rows as the same
 *    feeds read from files (the feeds' positions are restored with the engine, nothing is
 *    applied twice); broken side-feed messages land on the dead-letter topic with their reason;
 *  - flows: goflow2 JSON flows from a topic give the flow findings `telsentry replay --flows`
 *    gives on the same flows (the flow engine's state and positions ride in the checkpoint).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { simulateFlows } from '../../sim/flows/simulate.js';
import { Store } from '../../store/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PORT = Number(process.env.TELSENTRY_KAFKA_TEST_PORT ?? 19192) + 16;
const BROKERS = `127.0.0.1:${PORT}`;
const RUN_DIR = mkdtempSync(join(tmpdir(), 'telsentry-kafka-side-feeds-'));
const BROKER_ENV = { ...process.env, KAFKA_PORT: String(PORT), KAFKA_CONTROLLER_PORT: String(PORT + 1), KAFKA_RUN_DIR: join(RUN_DIR, 'broker') };
const RUN_DEADLINE_MS = 240_000;
const CHECKPOINT_INTERVAL_MS = 300;
const ROWS_PER_MESSAGE = 200;
const TOPICS = { cdr: 'side.cdr', subscribers: 'side.subscribers', cells: 'side.cells', testCalls: 'side.test_calls', flows: 'side.flows', dlq: 'telsentry.cdr.dlq' };
const FLOW_LINES_PER_MESSAGE = 500;

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

/**
 * `telsentry start` on Kafka until the input is consumed; killed with SIGKILL half a checkpoint
 * interval after the first checkpoint log line for which `killAfter` says yes.
 */
function runStart(name: string, extraFlags: string[], killAfter: ((checkpointLine: string) => boolean) | null): Promise<StartRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'telsentry.js'), 'start',
      '--kafka-brokers', BROKERS, '--kafka-topic', TOPICS.cdr, '--kafka-group-id', `side-${name}`, '--kafka-findings-topic', `side.findings.${name}`,
      '--kafka-max-messages-per-poll', '20', '--checkpoint-interval-ms', String(CHECKPOINT_INTERVAL_MS), ...extraFlags,
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
      if (checkpoint && killAfter !== null && run.killedAfterRecords === null && killAfter(line)) {
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

describe('start on Kafka: side feeds and flows from topics', () => {
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
      { topic: TOPICS.flows, partitions: 1 },
      { topic: TOPICS.dlq, partitions: 1 },
      ...['files', 'topics', 'flows'].map((name) => ({ topic: `side.findings.${name}`, partitions: 1, config: { 'cleanup.policy': 'compact' } })),
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
    const atHalf = (line: string): boolean => Number(/(\d+) records applied/.exec(line)![1]) >= cdrRecords / 2;
    expect(fromFiles.exitCode, fromFiles.tail).toBe(0);

    const topicFlags = ['--kafka-subscribers-topic', TOPICS.subscribers, '--kafka-cells-topic', TOPICS.cells, '--kafka-test-calls-topic', TOPICS.testCalls, '--kafka-side-feed-format', 'csv'];
    const killed = await runStart('topics', topicFlags, atHalf);
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

  it('flows from a topic: the flow findings of replay --flows on the same flows, across a kill', async () => {
    // One simulated day of goflow2 JSON flows (floods, scans, a spike and a silent site injected), one partition.
    const sim = simulateFlows({ seed: 7, days: 1 });
    const lines = [...sim.lines()];
    const flowsFile = join(RUN_DIR, 'flows.jsonl');
    writeFileSync(flowsFile, lines.join('\n') + '\n');
    const exportersFile = join(RUN_DIR, 'exporters.json');
    writeFileSync(exportersFile, JSON.stringify(sim.exporters));
    const output = new KafkaOutput({ brokers: BROKERS, clientId: 'flow-test' });
    await output.connect();
    let flowMessages = 0;
    try {
      for (let i = 0; i < lines.length; i += FLOW_LINES_PER_MESSAGE) {
        await output.sendTo(TOPICS.flows, 0, Buffer.from(lines.slice(i, i + FLOW_LINES_PER_MESSAGE).join('\n')), null);
        flowMessages++;
        // Broken messages in the middle: counted and skipped, the partition goes on.
        if (flowMessages === 10) await output.sendTo(TOPICS.flows, 0, Buffer.from('{"time_flow_end_ns": not json'), null);
        if (flowMessages === 11) await output.sendTo(TOPICS.flows, 0, Buffer.alloc(0), null);
      }
      await output.flush();
    } finally {
      await output.close();
    }

    const replayOut = join(RUN_DIR, 'flow-findings.jsonl');
    execFileSync(process.execPath, [join(ROOT, 'bin', 'telsentry.js'), 'replay', '--flows', flowsFile, '--exporters', exportersFile, '--findings', replayOut], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
    const expected = readFileSync(replayOut, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { id: string; type: string; detector: string; subject: { value: string }; first_event_at: string; detected_at: string });
    expect(new Set(expected.map((f) => f.type)).size).toBeGreaterThanOrEqual(3);

    const flowFlags = ['--kafka-flow-topic', TOPICS.flows, '--kafka-flow-format', 'json', '--exporters', exportersFile];
    const halfFlows = (line: string): boolean => Number(/(\d+) flow messages/.exec(line)?.[1] ?? 0) >= flowMessages / 2;
    const killed = await runStart('flows', flowFlags, halfFlows);
    expect(killed.killedAfterRecords, killed.tail).not.toBeNull();
    expect(killed.exitCode).toBeNull();
    const resumed = await runStart('flows', flowFlags, null);
    expect(resumed.exitCode, resumed.tail).toBe(0);
    expect(resumed.restoredSeq).toBeGreaterThan(0);

    const detectors = [...new Set(expected.map((f) => `'${f.detector}'`))].join(', ');
    const got = await tableRows('flows', `SELECT id, type, subject_value, first_event_at, detected_at FROM findings WHERE detector IN (${detectors}) ORDER BY id`);
    const want = expected.sort((a, b) => (a.id < b.id ? -1 : 1)).map((f) => ({ id: f.id, type: f.type, subject_value: f.subject.value, first_event_at: f.first_event_at, detected_at: f.detected_at }));
    expect(got.map((row) => JSON.parse(row) as Record<string, string>).map((r) => ({ ...r, first_event_at: new Date(r.first_event_at!).toISOString(), detected_at: new Date(r.detected_at!).toISOString() }))).toEqual(want);
  });
});
