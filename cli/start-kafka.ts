/**
 * `telsentry start` with Kafka brokers configured: CDR topics → the engine (every detector) →
 * findings to DuckDB, console, /metrics and the findings topic, through KafkaRunner with
 * crash-safe checkpoints under DATA_DIR/checkpoints (engine state, dictionaries, dedupe
 * memories and the offsets they cover, written together). A restart resumes from the last
 * checkpoint: no record lost, none counted twice; daily rows written again replace themselves.
 */
import { join } from 'node:path';
import type { CdrBatch } from '../core/cdr.js';
import { dedupeHorizonMs, type TelsentryConfig } from '../core/config.js';
import { configError } from '../core/errors.js';
import type { Dictionaries } from '../core/dictionary.js';
import type { Engine } from '../engine/engine.js';
import { loadSideFeeds, type FileReplayInputs } from '../engine/file-replay.js';
import type { EngineOutputs } from '../engine/outputs.js';
import type { ProfileRecorder } from '../engine/profile-recorder.js';
import { IngestStats } from '../ingest/index.js';
import { isPayloadFormat, PAYLOAD_FORMATS, type PayloadFormat } from '../ingest/kafka/formats.js';
import { KafkaRunner, RUNNER_DEFAULTS, type CheckpointableEngine } from '../ingest/kafka/runner.js';
import { DeadLetterProducer } from '../ingest/kafka/dead-letter-producer.js';
import { SIDE_FEED_FORMATS, SideFeedReader, type SideFeedPositions, type SideFeedTopic } from '../ingest/kafka/side-feed-reader.js';
import type { InputFormat } from '../ingest/byte-source.js';
import type { TelsentryMetrics } from '../metrics/index.js';
import type { Store } from '../store/index.js';

export interface KafkaStartOptions {
  brokers: string;
  groupId: string;
  /** Static membership (`group.instance.id`): a restarted pod keeps its partitions without a rebalance. */
  groupInstanceId?: string;
  topics: string[];
  format: PayloadFormat;
  findingsTopic: string;
  checkpointIntervalMs: number;
  maxMessagesPerPoll?: number;
  /** Stop once every owned partition is read to its end and quiet for this long (tests, batch runs). */
  exitWhenIdleMs?: number;
  /** Subscribers, cells and test calls read from topics (every partition, by every instance). */
  sideFeeds: SideFeedTopic[];
}

export const KAFKA_START_DEFAULTS = Object.freeze({
  groupId: 'telsentry-engine', // as in deploy/compose/docker-compose.yml
  topic: 'telsentry.cdr', // deploy/kafka/README.md topic table
  format: 'protobuf' as PayloadFormat, // batched CdrBatch: what `telsentry simulate --kafka` produces by default
  sideFeedFormat: 'jsonl' as InputFormat, // one registration/cell/test call per line, as operators' CRM exports emit them
  deadLetterTopic: 'telsentry.cdr.dlq', // deploy/kafka/README.md topic table
});

/** How long the side feeds may take to be read to their end before CDRs start (reference data is small). */
const SIDE_FEED_BOOTSTRAP_TIMEOUT_MS = 120_000;

function sideFeedTopicsOf(flags: Record<string, unknown>): SideFeedTopic[] {
  const format = (flags['kafka-side-feed-format'] as string | undefined) ?? KAFKA_START_DEFAULTS.sideFeedFormat;
  if (!(SIDE_FEED_FORMATS as readonly string[]).includes(format)) throw configError('--kafka-side-feed-format', `one of ${SIDE_FEED_FORMATS.join(', ')}`, format);
  const feeds: SideFeedTopic[] = [];
  for (const [flag, kind] of [['kafka-subscribers-topic', 'subscribers'], ['kafka-cells-topic', 'cells'], ['kafka-test-calls-topic', 'test_calls']] as const) {
    const topic = flags[flag] as string | undefined;
    if (topic !== undefined) feeds.push({ kind, topic, format: format as InputFormat });
  }
  const topics = feeds.map((f) => f.topic);
  if (new Set(topics).size !== topics.length) throw configError('side-feed topics', 'different topics for subscribers, cells and test calls', topics);
  return feeds;
}

/** Kafka settings from flags, falling back to the TELSENTRY_KAFKA_* environment (compose, Kubernetes). */
export function kafkaStartOptions(flags: Record<string, unknown>, env: NodeJS.ProcessEnv): KafkaStartOptions | undefined {
  const brokers = (flags['kafka-brokers'] as string | undefined) ?? env.TELSENTRY_KAFKA_BROKERS;
  if (brokers === undefined || brokers === '') return undefined;
  const format = flags['kafka-format'] as string;
  if (!isPayloadFormat(format)) throw configError('--kafka-format', `one of ${PAYLOAD_FORMATS.join(', ')}`, format);
  const topics = flags['kafka-topic'] as string[];
  const instanceId = (flags['kafka-group-instance-id'] as string | undefined) ?? env.TELSENTRY_KAFKA_GROUP_INSTANCE_ID;
  return {
    brokers,
    groupId: (flags['kafka-group-id'] as string | undefined) ?? env.TELSENTRY_KAFKA_GROUP_ID ?? KAFKA_START_DEFAULTS.groupId,
    ...(instanceId !== undefined && instanceId !== '' ? { groupInstanceId: instanceId } : {}),
    topics: topics.length > 0 ? topics : [KAFKA_START_DEFAULTS.topic],
    format,
    findingsTopic: (flags['kafka-findings-topic'] as string | undefined) ?? RUNNER_DEFAULTS.findingsTopic,
    checkpointIntervalMs: (flags['checkpoint-interval-ms'] as number | undefined) ?? RUNNER_DEFAULTS.checkpointIntervalMs,
    ...(flags['kafka-max-messages-per-poll'] !== undefined ? { maxMessagesPerPoll: flags['kafka-max-messages-per-poll'] as number } : {}),
    sideFeeds: sideFeedTopicsOf(flags),
  };
}

export interface KafkaStartContext {
  config: TelsentryConfig;
  dictionaries: Dictionaries;
  engine: Engine;
  outputs: EngineOutputs;
  profiles: ProfileRecorder;
  store: Store;
  metrics: TelsentryMetrics;
  sideFeeds: FileReplayInputs;
  onBatch: (sourceId: string, batch: CdrBatch) => void;
  stopped: Promise<void>;
  log: (line: string) => void;
}

/** Runs until `stopped` resolves (or, with exitWhenIdleMs, the input is consumed); the last checkpoint is taken on the way out. */
export async function runKafkaStart(options: KafkaStartOptions, ctx: KafkaStartContext): Promise<void> {
  const { engine, log } = ctx;
  // The profile recorder's open days are state too: restored with the engine, before anything is read.
  engine.attachCheckpointState('profiles', ctx.profiles);
  // So are the side-feed topics' positions: a restored engine resumes each feed where its state ends.
  const sidePositions: SideFeedPositions = { next: new Map() };
  engine.attachCheckpointState('sideFeedPositions', sidePositions);
  const sideDeadLetters = new DeadLetterProducer({ brokers: options.brokers, clientId: `${options.groupInstanceId ?? 'telsentry'}-side-dlq`, topic: KAFKA_START_DEFAULTS.deadLetterTopic });
  const sideFeeds = options.sideFeeds.length === 0 ? undefined : new SideFeedReader(
    { brokers: options.brokers, clientId: options.groupInstanceId ?? 'telsentry', topics: options.sideFeeds, homeCountryCode: ctx.config.homeCountryCode },
    {
      subscribers: (rows) => engine.reference.addSubscribers(rows),
      cells: (rows) => {
        engine.reference.addCells(rows);
        void ctx.store.upsertCells(rows).catch((e: Error) => log(`storing cells failed: ${e.message}`));
      },
      testCalls: (rows) => engine.addTestCalls(rows),
    },
    sidePositions,
    sideDeadLetters,
  );
  const source: CheckpointableEngine = {
    ingest: (sourceId, batch) => {
      engine.ingest(sourceId, batch);
      ctx.onBatch(sourceId, batch);
    },
    closeSource: (sourceId) => engine.closeSource(sourceId),
    advance: () => engine.advance(),
    checkpoint: () => engine.checkpoint(),
    restore: (checkpoint) => engine.restore(checkpoint),
    onFinding: (listener) => engine.onFinding(listener),
    attachCheckpointState: (name, state) => engine.attachCheckpointState(name, state),
  };
  const clientId = options.groupInstanceId ?? 'telsentry';
  const runner = new KafkaRunner(source, {
    consumer: {
      brokers: options.brokers, groupId: options.groupId, clientId,
      topics: options.topics.map((topic) => ({ topic, format: options.format })),
      homeCountryCode: ctx.config.homeCountryCode, sourceIdleTimeoutMs: ctx.config.sourceIdleTimeoutMs,
      ...(options.maxMessagesPerPoll !== undefined ? { maxMessagesPerPoll: options.maxMessagesPerPoll } : {}),
      ...(options.groupInstanceId !== undefined ? { rdkafka: { 'group.instance.id': options.groupInstanceId } } : {}),
    },
    findingsTopic: options.findingsTopic,
    checkpointDir: join(ctx.config.dataDir, 'checkpoints'),
    checkpointIntervalMs: options.checkpointIntervalMs,
  }, {
    dictionaries: ctx.dictionaries, dedupeHorizonMs: dedupeHorizonMs(ctx.config), metrics: ctx.metrics,
    flushOutputs: async () => {
      await ctx.outputs.flush();
      await sideFeeds?.flushDeadLetters();
    },
    onCheckpoint: (seq) => log(`checkpoint ${seq}: ${engine.stats.recordsApplied} records applied, ${engine.ledger.size} findings`),
  });
  if (runner.restoredSeq > 0) {
    log(`restored checkpoint ${runner.restoredSeq}: ${engine.stats.recordsApplied} records applied, ${engine.ledger.size} findings`);
  } else {
    // Side feeds once, on a fresh start; after a restore they are part of the engine state.
    await loadSideFeeds(ctx.sideFeeds, { engine, stats: new IngestStats() });
  }
  let sideFeedsFailed: Promise<Error | undefined> = new Promise(() => undefined);
  if (sideFeeds !== undefined) {
    await sideDeadLetters.connect();
    await sideFeeds.connect();
    await sideFeeds.catchUp(SIDE_FEED_BOOTSTRAP_TIMEOUT_MS);
    const { applied, stats } = sideFeeds;
    log(`side feeds read to their end: ${applied.subscribers} subscribers, ${applied.cells} cells, ${applied.test_calls} test calls applied; ${stats.rejectedTotal} rows and ${sideFeeds.messagesRejected} messages rejected (dead-letter topic)`);
    sideFeedsFailed = sideFeeds.follow().then(() => undefined, (error: Error) => error);
  }
  await runner.start();
  log(`reading ${options.topics.join(', ')} (${options.format}) from ${options.brokers} in group ${options.groupId}; findings to ${options.findingsTopic}`);
  let idleSince = Number.NaN;
  let stopping = false;
  void ctx.stopped.then(() => { stopping = true; });
  const failed = runner.done().then(() => undefined, (error: Error) => error);
  while (!stopping) {
    const outcome = await Promise.race([failed, sideFeedsFailed, new Promise<'tick'>((resolve) => setTimeout(() => resolve('tick'), 200))]);
    if (outcome instanceof Error) throw outcome;
    if (options.exitWhenIdleMs === undefined) continue;
    const lag = runner.consumer.lag();
    const caughtUp = lag.length > 0 && lag.every((p) => p.lag === 0);
    if (!caughtUp) idleSince = Number.NaN;
    else if (Number.isNaN(idleSince)) idleSince = Date.now();
    else if (Date.now() - idleSince >= options.exitWhenIdleMs) break;
  }
  const owned = runner.consumer.lag().map((p) => p.sourceId);
  await runner.stop();
  if (sideFeeds !== undefined) {
    await sideFeeds.stop();
    await sideDeadLetters.close();
  }
  log(`stopped reading; last checkpoint ${runner.checkpoints > 0 || runner.restoredSeq > 0 ? 'written' : 'none'}`);
  if (!stopping) {
    // Input consumed (exit when idle): close the sources and the windows, like replay at the end of its files.
    for (const sourceId of owned) engine.closeSource(sourceId);
    engine.finish();
    await ctx.outputs.flush();
    await ctx.store.upsertFindings(engine.findings());
  }
}
