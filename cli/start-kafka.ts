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
import { FLOW_TOPIC_FORMATS, FlowTopicReader, type FlowTopicFormat, type FlowTopicPositions } from '../ingest/kafka/flow-topic-reader.js';
import { loadExporters } from '../engine/flow-replay.js';
import { FlowEngine } from '../engine/flows/index.js';
import type { SitePlace } from '../engine/flows/context.js';
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
  /** Network-flow topics (goflow2 payloads) and the exporter map that ties exporters to sites. */
  flows?: { topics: string[]; format: FlowTopicFormat; exportersFile: string };
}

export const KAFKA_START_DEFAULTS = Object.freeze({
  groupId: 'telsentry-engine', // as in deploy/compose/docker-compose.yml
  topic: 'telsentry.cdr', // deploy/kafka/README.md topic table
  format: 'protobuf' as PayloadFormat, // batched CdrBatch: what `telsentry simulate --kafka` produces by default
  sideFeedFormat: 'jsonl' as InputFormat, // one registration/cell/test call per line, as operators' CRM exports emit them
  flowFormat: 'protobuf' as FlowTopicFormat, // goflow2's default Kafka format (-format=bin)
  deadLetterTopic: 'telsentry.cdr.dlq', // deploy/kafka/README.md topic table
});

/** How long the side feeds may take to be read to their end before CDRs start (reference data is small). */
const SIDE_FEED_BOOTSTRAP_TIMEOUT_MS = 120_000;

function flowTopicsOf(flags: Record<string, unknown>): KafkaStartOptions['flows'] {
  const topics = (flags['kafka-flow-topic'] as string[] | undefined) ?? [];
  if (topics.length === 0) return undefined;
  const format = (flags['kafka-flow-format'] as string | undefined) ?? KAFKA_START_DEFAULTS.flowFormat;
  if (!(FLOW_TOPIC_FORMATS as readonly string[]).includes(format)) throw configError('--kafka-flow-format', `one of ${FLOW_TOPIC_FORMATS.join(', ')}`, format);
  const exportersFile = flags.exporters as string | undefined;
  if (exportersFile === undefined) throw configError('--exporters', 'a flow exporter map file when --kafka-flow-topic is given (flows are tied to sites by exporter)', exportersFile);
  return { topics, format: format as FlowTopicFormat, exportersFile };
}

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
    ...(flowTopicsOf(flags) !== undefined ? { flows: flowTopicsOf(flags) } : {}),
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
  // Flows: the flow engine and its topics' positions are checkpointed with the engine too.
  const flowSites: Record<string, SitePlace> = {};
  const refreshFlowSites = (): void => void Object.assign(flowSites, engine.reference.sites());
  const flowEngine = options.flows === undefined ? undefined : new FlowEngine({ timeZone: ctx.config.timeZone, sites: flowSites });
  const flowPositions: FlowTopicPositions = { next: new Map() };
  let flowReader: FlowTopicReader | undefined;
  if (flowEngine !== undefined && options.flows !== undefined) {
    engine.attachCheckpointState('flows', flowEngine);
    engine.attachCheckpointState('flowPositions', flowPositions);
    const flowIds = new Set<string>();
    flowEngine.onFinding((finding) => {
      ctx.outputs.acceptFinding(finding, flowIds.has(finding.id) ? 'updated' : 'raised');
      flowIds.add(finding.id);
    });
    flowReader = new FlowTopicReader({
      brokers: options.brokers, groupId: `${options.groupId}.flows`, clientId: options.groupInstanceId ?? 'telsentry', topics: options.flows.topics,
      format: options.flows.format, exporters: loadExporters(options.flows.exportersFile),
      ...(options.groupInstanceId !== undefined ? { rdkafka: { 'group.instance.id': `${options.groupInstanceId}.flows` } } : {}),
    }, flowEngine, flowPositions);
  }
  const sideDeadLetters = new DeadLetterProducer({ brokers: options.brokers, clientId: `${options.groupInstanceId ?? 'telsentry'}-side-dlq`, topic: KAFKA_START_DEFAULTS.deadLetterTopic });
  const sideFeeds = options.sideFeeds.length === 0 ? undefined : new SideFeedReader(
    { brokers: options.brokers, clientId: options.groupInstanceId ?? 'telsentry', topics: options.sideFeeds, homeCountryCode: ctx.config.homeCountryCode },
    {
      subscribers: (rows) => engine.reference.addSubscribers(rows),
      cells: (rows) => {
        engine.reference.addCells(rows);
        refreshFlowSites();
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
    onFinding: (listener) => {
      engine.onFinding(listener);
      flowEngine?.onFinding(listener); // flow findings go to the findings topic too
    },
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
    onCheckpoint: (seq) => log(`checkpoint ${seq}: ${engine.stats.recordsApplied} records applied, ${engine.ledger.size} findings${flowReader !== undefined ? `, ${flowReader.messages} flow messages` : ''}`),
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
  refreshFlowSites();
  let flowsFailed: Promise<Error | undefined> = new Promise(() => undefined);
  if (flowReader !== undefined) {
    await flowReader.connect();
    flowsFailed = flowReader.run().then(() => undefined, (error: Error) => error);
    log(`reading flows from ${options.flows!.topics.join(', ')} (${options.flows!.format}) in group ${options.groupId}.flows`);
  }
  await runner.start();
  log(`reading ${options.topics.join(', ')} (${options.format}) from ${options.brokers} in group ${options.groupId}; findings to ${options.findingsTopic}`);
  let idleSince = Number.NaN;
  let stopping = false;
  void ctx.stopped.then(() => { stopping = true; });
  const failed = runner.done().then(() => undefined, (error: Error) => error);
  // Rejected flows go to /metrics as they are counted (telsentry_flow_dropped_total by reason).
  const flowDropsSynced: Record<string, number> = {};
  const syncFlowDrops = (): void => {
    for (const [reason, n] of Object.entries(flowReader?.rejects ?? {})) {
      const added = (n ?? 0) - (flowDropsSynced[reason] ?? 0);
      if (added > 0) ctx.metrics.recordFlowDrops(reason, added);
      flowDropsSynced[reason] = n ?? 0;
    }
  };
  while (!stopping) {
    syncFlowDrops();
    const outcome = await Promise.race([failed, sideFeedsFailed, flowsFailed, new Promise<'tick'>((resolve) => setTimeout(() => resolve('tick'), 200))]);
    if (outcome instanceof Error) throw outcome;
    if (options.exitWhenIdleMs === undefined) continue;
    const lag = [...runner.consumer.lag(), ...(flowReader?.lag() ?? [])];
    const flowsAssigned = flowReader === undefined || flowReader.ownedPartitions.length > 0;
    const caughtUp = flowsAssigned && lag.length > 0 && lag.every((p) => p.lag === 0);
    if (!caughtUp) idleSince = Number.NaN;
    else if (Number.isNaN(idleSince)) idleSince = Date.now();
    else if (Date.now() - idleSince >= options.exitWhenIdleMs) break;
  }
  const owned = runner.consumer.lag().map((p) => p.sourceId);
  // Flows stop first: the runner's final checkpoint then covers every flow applied.
  if (flowReader !== undefined) {
    await flowReader.stop();
    syncFlowDrops();
    log(`flows: ${flowReader.messages} messages read this run; rejected flows ${JSON.stringify(flowReader.rejects)}`);
  }
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
    flowEngine?.flush();
    await ctx.outputs.flush();
    await ctx.store.upsertFindings(engine.findings());
  }
}
