/**
 * The real engine through the real broker, crash-safe: `telsentry start --kafka-brokers …`
 * (every detector, DuckDB, findings topic) reads a simulated two-day stream; one run goes
 * through uninterrupted, the other is killed with SIGKILL twice in the middle of the stream and
 * restarted each time. The final findings (DuckDB and findings topic), daily feature rows and
 * profile daily tables must be the same: none lost, none doubled (daily rows written between
 * the last checkpoint and a kill are written again and replace themselves).
 *
 * One CDR partition, so both runs see the records in the same order: with several, the order
 * partitions interleave in (and so which records are late) depends on fetch timing even
 * without a crash; the runner-level test in kafka-crash.test.ts covers several partitions.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTopics } from '../../ingest/kafka/admin.js';
import { produceFilesToKafka } from '../../ingest/kafka/file-producer.js';
import { KafkaConsumer, type Message } from '../../ingest/kafka/rdkafka.js';
import { simulate, type SimulationFiles } from '../../sim/index.js';
import { Store } from '../../store/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PORT = Number(process.env.TELSENTRY_KAFKA_TEST_PORT ?? 19192) + 12;
const BROKERS = `127.0.0.1:${PORT}`;
const RUN_DIR = mkdtempSync(join(tmpdir(), 'telsentry-kafka-engine-crash-'));
const BROKER_ENV = { ...process.env, KAFKA_PORT: String(PORT), KAFKA_CONTROLLER_PORT: String(PORT + 1), KAFKA_RUN_DIR: join(RUN_DIR, 'broker') };
const RUN_DEADLINE_MS = 240_000;
const CHECKPOINT_INTERVAL_MS = 300;

function kafkaScript(command: 'start' | 'stop'): void {
  execFileSync('bash', [join(ROOT, 'deploy', 'kafka', 'kafka.sh'), command], { env: BROKER_ENV, stdio: 'inherit', timeout: 240_000 });
}

interface EngineRun {
  restoredSeq: number;
  restoredRecords: number;
  killedAfterRecords: number | null;
  lastCheckpointRecords: number;
  exitCode: number | null;
}

/**
 * Runs `telsentry start` on Kafka until the input is consumed. Kills it with SIGKILL: with
 * `killAtRecords`, half a checkpoint interval after a checkpoint covering that many records;
 * with 'after-daily-write', as soon as it reports a day's feature rows written (before the
 * next checkpoint covers them, so the restarted engine writes them again).
 */
function runEngine(name: string, files: SimulationFiles, killAtRecords: number | 'after-daily-write' | null): Promise<EngineRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'telsentry.js'), 'start',
      '--kafka-brokers', BROKERS, '--kafka-topic', 'engine.cdr', '--kafka-group-id', `engine-${name}`, '--kafka-findings-topic', `engine.findings.${name}`,
      '--kafka-max-messages-per-poll', '20', '--checkpoint-interval-ms', String(CHECKPOINT_INTERVAL_MS),
      '--subscribers', files.subscribers, '--cells', files.cells, '--test-calls', files.testCalls,
      '--data-dir', join(RUN_DIR, name), '--grpc-port', '0', '--metrics-port', '0', '--quiet', '--exit-when-done',
    ], { cwd: ROOT, env: { ...process.env, TELSENTRY_KAFKA_BROKERS: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    const run: EngineRun = { restoredSeq: 0, restoredRecords: 0, killedAfterRecords: null, lastCheckpointRecords: 0, exitCode: null };
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_DEADLINE_MS);
    const lines: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => {
      lines.push(line);
      const restored = /restored checkpoint (\d+): (\d+) records/.exec(line);
      if (restored) {
        run.restoredSeq = Number(restored[1]);
        run.restoredRecords = Number(restored[2]);
      }
      if (killAtRecords === 'after-daily-write' && run.killedAfterRecords === null && /daily features \S+: \d+ subscribers written/.test(line)) {
        run.killedAfterRecords = run.lastCheckpointRecords;
        child.kill('SIGKILL');
      }
      const checkpoint = /checkpoint \d+: (\d+) records applied/.exec(line);
      if (checkpoint) run.lastCheckpointRecords = Number(checkpoint[1]);
      if (checkpoint && typeof killAtRecords === 'number' && run.killedAfterRecords === null && Number(checkpoint[1]) >= killAtRecords) {
        run.killedAfterRecords = Number(checkpoint[1]);
        setTimeout(() => child.kill('SIGKILL'), CHECKPOINT_INTERVAL_MS / 2); // between checkpoints, while records flow
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      run.exitCode = code;
      if (code !== 0 && code !== null) console.log(lines.slice(-20).join('\n'));
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

const FINDINGS = `SELECT id, type, severity, score, subject_kind, subject_value, related::VARCHAR AS related, operator, province, district,
  first_event_at, detected_at, evidence::VARCHAR AS evidence, detector FROM findings ORDER BY id`;
const DAILY = (table: string): string => `SELECT * EXCLUDE (day), day::VARCHAR AS day FROM ${table} ORDER BY ALL`;

async function latestOnTopic(topic: string): Promise<Map<string, string>> {
  const reader = new KafkaConsumer({ 'metadata.broker.list': BROKERS, 'group.id': `reader-${Date.now()}`, 'enable.auto.commit': false, 'enable.partition.eof': true }, {});
  await new Promise<void>((resolve, reject) => reader.connect({}, (err) => (err ? reject(err) : resolve())));
  reader.assign([{ topic, partition: 0, offset: 0 }]);
  let eof = false;
  reader.on('partition.eof', () => { eof = true; });
  const latest = new Map<string, string>();
  const deadline = Date.now() + 60_000;
  while (!eof && Date.now() < deadline) {
    const batch = await new Promise<Message[]>((resolve) => reader.consume(1_000, (err, messages) => resolve(err ? [] : messages)));
    for (const m of batch) latest.set(m.key!.toString(), m.value!.toString());
  }
  await new Promise<void>((resolve) => reader.disconnect(() => resolve()));
  return latest;
}

describe('telsentry start on Kafka, killed twice', () => {
  beforeAll(async () => {
    kafkaScript('start');
    await ensureTopics(BROKERS, [
      { topic: 'engine.cdr', partitions: 1 },
      { topic: 'telsentry.cdr.dlq', partitions: 1 },
      { topic: 'engine.findings.straight', partitions: 1, config: { 'cleanup.policy': 'compact' } },
      { topic: 'engine.findings.crashed', partitions: 1, config: { 'cleanup.policy': 'compact' } },
    ]);
  });

  afterAll(() => {
    try {
      kafkaScript('stop');
    } finally {
      rmSync(RUN_DIR, { recursive: true, force: true });
    }
  });

  it('two SIGKILLs mid-stream: the same findings, daily features and profile rows as an uninterrupted run', async () => {
    const { files } = await simulate({ outDir: join(RUN_DIR, 'sim'), seed: 21, subscribers: 800, days: 2, scenario: 'mixed', format: 'csv', gzip: true });
    const produced = await produceFilesToKafka({ brokers: BROKERS, topic: 'engine.cdr', files: files.cdr, format: 'protobuf', recordsPerMessage: 25 });
    expect(produced.records).toBeGreaterThan(20_000);

    const straight = await runEngine('straight', files, null);
    expect(straight.exitCode).toBe(0);

    // First kill right after the first midnight's daily rows are written, second at two thirds of the stream.
    const first = await runEngine('crashed', files, 'after-daily-write');
    const second = await runEngine('crashed', files, Math.floor((2 * produced.records) / 3));
    const last = await runEngine('crashed', files, null);
    // Both kills landed mid-stream, each restart resumed from a checkpoint taken before its kill.
    expect(first.killedAfterRecords).not.toBeNull();
    expect(first.exitCode).toBeNull(); // killed by the signal
    expect(second.restoredSeq).toBeGreaterThan(0);
    expect(second.restoredRecords).toBeGreaterThanOrEqual(first.killedAfterRecords!);
    expect(second.restoredRecords).toBeGreaterThan(0);
    expect(second.killedAfterRecords).not.toBeNull();
    expect(second.exitCode).toBeNull();
    expect(last.restoredRecords).toBeGreaterThanOrEqual(second.killedAfterRecords!);
    expect(last.restoredRecords).toBeLessThan(produced.records);
    expect(last.exitCode).toBe(0);

    const expectedFindings = await tableRows('straight', FINDINGS);
    expect(expectedFindings.length).toBeGreaterThan(10);
    expect(await tableRows('crashed', FINDINGS)).toEqual(expectedFindings);
    for (const table of ['daily_features', 'daily_contacts', 'daily_cells', 'daily_devices']) {
      const expected = await tableRows('straight', DAILY(table));
      expect(expected.length, table).toBeGreaterThan(100);
      expect(await tableRows('crashed', DAILY(table)), table).toEqual(expected);
    }
    const straightTopic = await latestOnTopic('engine.findings.straight');
    const crashedTopic = await latestOnTopic('engine.findings.crashed');
    expect([...crashedTopic.keys()].sort()).toEqual([...straightTopic.keys()].sort());
    expect(crashedTopic).toEqual(straightTopic);
  });
});
