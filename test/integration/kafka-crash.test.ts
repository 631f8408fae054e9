/**
 * KafkaRunner against the real broker, with a counting stand-in engine:
 *  - crash: a child process is killed with SIGKILL twice in the middle of the stream and
 *    restarted; in the end every record has been counted exactly once and the findings
 *    topic holds exactly the findings of an uninterrupted run;
 *  - scale: two instances in one consumer group split the partitions; together they count
 *    every record once and raise the same findings as one instance.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDictionaries } from '../../core/dictionary.js';
import { ensureTopics } from '../../ingest/kafka/admin.js';
import { produceFilesToKafka } from '../../ingest/kafka/file-producer.js';
import { KafkaConsumer, type Message } from '../../ingest/kafka/rdkafka.js';
import { KafkaRunner } from '../../ingest/kafka/runner.js';
import { sampleCdrs } from '../unit/kafka/sample-cdrs.js';
import { CountingEngine, FINDING_AT } from './kafka/counting-engine.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PORT = Number(process.env.TELSENTRY_KAFKA_TEST_PORT ?? 19192) + 4;
const BROKERS = `127.0.0.1:${PORT}`;
const RUN_DIR = mkdtempSync(join(tmpdir(), 'telsentry-kafka-crash-'));
const BROKER_ENV = { ...process.env, KAFKA_PORT: String(PORT), KAFKA_CONTROLLER_PORT: String(PORT + 1), KAFKA_RUN_DIR: join(RUN_DIR, 'broker') };
const TOTAL = 15_000;
const IMSIS = 1_500; // 10 records each: every IMSI reaches FINDING_AT
const WORKER_DEADLINE_MS = 240_000;
const SLICES = 30;
const PRODUCE_PAUSE_MS = 400;

function kafkaScript(command: 'start' | 'stop'): void {
  execFileSync('bash', [join(ROOT, 'deploy', 'kafka', 'kafka.sh'), command], { env: BROKER_ENV, stdio: 'inherit', timeout: 240_000 });
}

interface WorkerRun {
  restoredSeq: number;
  restoredTotal: number;
  killedAt: number | null;
  exitCode: number | null;
}

/**
 * Runs the worker; kills it with SIGKILL once a checkpoint covering at least `killAtTotal`
 * records is durable and it has gone on past it (null: let it finish).
 */
function runWorker(env: NodeJS.ProcessEnv, killAtTotal: number | null): Promise<WorkerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'vite-node', 'vite-node.mjs'), join(ROOT, 'test', 'integration', 'kafka', 'crash-worker.ts')], {
      cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const run: WorkerRun = { restoredSeq: -1, restoredTotal: -1, killedAt: null, exitCode: null };
    let armed = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), WORKER_DEADLINE_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const restored = /^restored (\d+) total (\d+)$/.exec(line);
      if (restored) {
        run.restoredSeq = Number(restored[1]);
        run.restoredTotal = Number(restored[2]);
      }
      const checkpoint = /^checkpoint \d+ total (\d+)$/.exec(line);
      if (checkpoint && killAtTotal !== null && Number(checkpoint[1]) >= killAtTotal) armed = true;
      const progress = /^progress (\d+)$/.exec(line);
      if (progress && armed && run.killedAt === null) {
        run.killedAt = Number(progress[1]);
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      run.exitCode = code;
      resolve(run);
    });
  });
}

async function readAll(topic: string, expected: number): Promise<Message[]> {
  const reader = new KafkaConsumer({ 'metadata.broker.list': BROKERS, 'group.id': `reader-${Date.now()}`, 'enable.auto.commit': false, 'enable.partition.eof': true }, {});
  await new Promise<void>((resolve, reject) => reader.connect({}, (err) => (err ? reject(err) : resolve())));
  reader.assign([{ topic, partition: 0, offset: 0 }]);
  const messages: Message[] = [];
  const deadline = Date.now() + 60_000;
  let eof = false;
  reader.on('partition.eof', () => { eof = true; });
  while ((!eof || messages.length < expected) && Date.now() < deadline) {
    messages.push(...await new Promise<Message[]>((resolve) => reader.consume(1_000, (err, batch) => resolve(err ? [] : batch))));
  }
  await new Promise<void>((resolve) => reader.disconnect(() => resolve()));
  return messages;
}

describe('KafkaRunner against a real broker', () => {
  beforeAll(async () => {
    kafkaScript('start');
    await ensureTopics(BROKERS, [
      { topic: 'crash.cdr', partitions: 3 },
      { topic: 'crash.dlq', partitions: 1 },
      { topic: 'crash.findings', partitions: 1, config: { 'cleanup.policy': 'compact' } },
      { topic: 'scale.cdr', partitions: 4 },
      { topic: 'scale.findings', partitions: 1, config: { 'cleanup.policy': 'compact' } },
    ]);
  });

  afterAll(() => {
    try {
      kafkaScript('stop');
    } finally {
      rmSync(RUN_DIR, { recursive: true, force: true });
    }
  });

  it('two SIGKILLs mid-stream: every record counted once, the same findings as an uninterrupted run', async () => {
    const records = sampleCdrs(TOTAL, 1_763_400_000_000).map((r, i) => ({ ...r, record_id: `r${i}`, imsi: `45204${String(5_000_000_000 + (i % IMSIS))}` }));
    // The stream arrives while the workers run (slices every PRODUCE_PAUSE_MS), so each kill lands mid-stream.
    const slices = Array.from({ length: SLICES }, (_, k) => {
      const file = join(RUN_DIR, `cdr-${k}.jsonl`);
      writeFileSync(file, records.slice((k * TOTAL) / SLICES, ((k + 1) * TOTAL) / SLICES).map((r) => JSON.stringify(r)).join('\n') + '\n');
      return file;
    });
    // The last sixth is held back until the second worker is killed: however slowly the workers
    // start on a loaded machine, that kill lands before a checkpoint could cover the whole stream.
    let releaseTail!: () => void;
    const tailReleased = new Promise<void>((resolve) => (releaseTail = resolve));
    const holdFrom = Math.floor((SLICES * 5) / 6);
    const producing = (async () => {
      let produced = 0;
      for (const [k, file] of slices.entries()) {
        if (k === holdFrom) await tailReleased;
        produced += (await produceFilesToKafka({ brokers: BROKERS, topic: 'crash.cdr', files: [file], format: 'protobuf', recordsPerMessage: 40 })).records;
        await new Promise((resolve) => setTimeout(resolve, PRODUCE_PAUSE_MS));
      }
      return produced;
    })();

    const result = join(RUN_DIR, 'result.json');
    const env = {
      ...process.env, CRASH_BROKERS: BROKERS, CRASH_GROUP: 'crash-engine', CRASH_TOPIC: 'crash.cdr', CRASH_DLQ: 'crash.dlq',
      CRASH_FINDINGS: 'crash.findings', CRASH_CHECKPOINTS: join(RUN_DIR, 'checkpoints'), CRASH_TOTAL: String(TOTAL), CRASH_RESULT: result,
    };
    const first = await runWorker(env, Math.floor(TOTAL / 3));
    const second = await runWorker(env, Math.floor((2 * TOTAL) / 3));
    releaseTail();
    const last = await runWorker(env, null);
    expect(await producing).toBe(TOTAL);

    // Both kills landed mid-stream, and each restart resumed from a checkpoint taken before its kill.
    expect(first.killedAt).not.toBeNull();
    expect(first.exitCode).toBeNull(); // killed by a signal
    expect(second.killedAt).not.toBeNull();
    expect(second.restoredSeq).toBeGreaterThan(0);
    expect(second.restoredTotal).toBeGreaterThanOrEqual(Math.floor(TOTAL / 3));
    expect(second.restoredTotal).toBeLessThan(TOTAL);
    expect(last.restoredTotal).toBeGreaterThanOrEqual(Math.floor((2 * TOTAL) / 3));
    expect(last.restoredTotal).toBeLessThan(TOTAL);
    expect(last.exitCode).toBe(0);

    const { total, seen } = JSON.parse(readFileSync(result, 'utf8')) as { total: number; seen: number[] };
    expect(total).toBe(TOTAL);
    const counts = new Map<number, number>();
    for (const c of seen) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect([...counts]).toEqual([[1, TOTAL]]); // no record lost (0) or counted twice (2)

    // Findings: re-raised ones after a restore carry the same id, so the compacted topic converges.
    const findings = await readAll('crash.findings', IMSIS);
    const ids = new Set(findings.map((m) => m.key!.toString()));
    const expected = new Set(Array.from({ length: IMSIS }, (_, k) => `count:45204${String(5_000_000_000 + k)}`));
    expect(ids).toEqual(expected);
    for (const message of findings) expect(JSON.parse(message.value!.toString()).id).toBe(message.key!.toString());
    expect(FINDING_AT).toBeLessThanOrEqual(TOTAL / IMSIS);
  });

  it('two instances in one consumer group share the partitions and give the findings of one', async () => {
    const records = sampleCdrs(TOTAL, 1_763_500_000_000).map((r, i) => ({ ...r, record_id: `r${i}`, imsi: `45204${String(6_000_000_000 + (i % IMSIS))}` }));
    const instances = [0, 1].map((n) => {
      const dictionaries = createDictionaries();
      const engine = new CountingEngine(dictionaries, TOTAL);
      const runner = new KafkaRunner(engine, {
        consumer: { brokers: BROKERS, groupId: 'scale-engine', clientId: `scale-${n}`, topics: [{ topic: 'scale.cdr', format: 'protobuf' }], deadLetterTopic: 'crash.dlq' },
        findingsTopic: 'scale.findings', checkpointDir: join(RUN_DIR, `scale-checkpoints-${n}`), checkpointIntervalMs: 500,
      }, { dictionaries });
      return { engine, runner };
    });
    for (const { runner } of instances) await runner.start();
    try {
      // Membership settles before input arrives: each partition has exactly one owner throughout.
      const owned = (): number[] => instances.map(({ runner }) => runner.consumer.lag().length);
      const deadline = Date.now() + 60_000;
      while (!(owned()[0]! > 0 && owned()[1]! > 0 && owned()[0]! + owned()[1]! === 4)) {
        if (Date.now() > deadline) throw new Error(`partitions not shared: ${owned().join('+')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const file = join(RUN_DIR, 'scale.jsonl');
      writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
      await produceFilesToKafka({ brokers: BROKERS, topic: 'scale.cdr', files: [file], format: 'protobuf', recordsPerMessage: 40 });
      const total = (): number => instances.reduce((sum, { engine }) => sum + engine.total, 0);
      while (total() < TOTAL) {
        if (Date.now() > deadline + WORKER_DEADLINE_MS) throw new Error(`only ${total()} of ${TOTAL} records consumed`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      for (const { runner } of instances) await runner.stop();
    }
    expect(instances.every(({ engine }) => engine.total > 0)).toBe(true);
    const seenTwice = instances[0]!.engine.seen.reduce((n, c, i) => n + (c + instances[1]!.engine.seen[i]! === 1 ? 0 : 1), 0);
    expect(seenTwice).toBe(0);
    const findings = await readAll('scale.findings', IMSIS);
    const ids = new Set(findings.map((m) => m.key!.toString()));
    expect(ids).toEqual(new Set(Array.from({ length: IMSIS }, (_, k) => `count:45204${String(6_000_000_000 + k)}`)));
  });
});
