/**
 * `telsentry start`: the engine as a service. Embedded default: the built-in simulator in
 * accelerated event time → detection → findings printed, stored in DuckDB under the data
 * directory, served over gRPC and counted on /metrics. `--cdr FILE` feeds files instead;
 * with Kafka brokers configured (--kafka-brokers or TELSENTRY_KAFKA_BROKERS) it reads the
 * CDR topics with crash-safe checkpoints (start-kafka.ts) and also produces the findings topic.
 */
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile, validateConfig, type TelsentryConfig } from '../core/config.js';
import { createDictionaries } from '../core/dictionary.js';
import { createDetectors } from '../detectors/index.js';
import { Engine } from '../engine/engine.js';
import { replayFiles } from '../engine/file-replay.js';
import { EngineOutputs, formatFindingLine } from '../engine/outputs.js';
import { EngineProfiles } from '../engine/profiles.js';
import { runSimSource } from '../engine/sim-source.js';
import { runFlowSimSource } from '../engine/flow-sim-source.js';
import { FlowEngine } from '../engine/flows/index.js';
import type { RejectCounts } from '../ingest/flows/index.js';
import { ProfileRecorder } from '../engine/profile-recorder.js';
import type { CdrBatch } from '../core/cdr.js';
import { IngestStats, REJECT_REASONS } from '../ingest/index.js';
import { StatsSync, TelsentryMetrics, startMetricsServer, recordIngestByOperator } from '../metrics/index.js';
import { SCENARIO_NAMES, SIMULATION_DEFAULTS, type ScenarioName } from '../sim/index.js';
import { Store } from '../store/index.js';
import { loadAuthFile, startApiServer } from '../api/server.js';
import type { AuthOptions } from '../api/auth.js';
import { RUNNER_DEFAULTS } from '../ingest/kafka/runner.js';
import { parseFlags, type CommandSpec } from './args.js';
import { KAFKA_START_DEFAULTS, kafkaStartOptions, runKafkaStart } from './start-kafka.js';
import { formatSummary, summarise } from './summary.js';
import { describeTls, tlsDirOf, tlsOptionsFromDir } from './tls-dir.js';

export const startSpec: CommandSpec = {
  name: 'start',
  summary: 'run the engine: simulator (default) or files → detection → DuckDB, gRPC API, /metrics',
  usage: 'telsentry start [--config FILE] [--cdr FILE… | --kafka-brokers HOST:PORT] [--speed N] [--subscribers N] [--data-dir DIR] [--grpc-port P] [--metrics-port P] [--tls-dir DIR]',
  flags: [
    { name: 'config', kind: 'string', value: 'FILE', help: 'JSON config file (keys of TelsentryConfig, see README)' },
    { name: 'cdr', kind: 'strings', value: 'FILE', help: 'read CDR files instead of running the simulator' },
    { name: 'subscribers', kind: 'string', value: 'FILE', help: 'subscriber registrations side feed (with --cdr or Kafka)' },
    { name: 'cells', kind: 'string', value: 'FILE', help: 'cells side feed (with --cdr or Kafka)' },
    { name: 'test-calls', kind: 'string', value: 'FILE', help: 'test-call results side feed (with --cdr or Kafka)' },
    { name: 'population', kind: 'int', value: 'N', default: 10_000, min: 500, max: 2_000_000, help: 'simulated subscribers' },
    { name: 'days', kind: 'int', value: 'D', default: 2, min: 1, max: 365, help: 'simulated days' },
    { name: 'seed', kind: 'int', value: 'S', default: 1, help: 'simulator seed' },
    { name: 'scenario', kind: 'string', value: 'NAME', default: 'mixed', help: `simulator scenario: ${SCENARIO_NAMES.join(', ')}` },
    { name: 'speed', kind: 'number', value: 'N', default: 3600, min: 0, help: 'event time runs N× faster than wall time (0 = as fast as possible)' },
    { name: 'data-dir', kind: 'string', value: 'DIR', help: 'DuckDB file, dead letters, auth (default ./data)' },
    { name: 'grpc-port', kind: 'int', value: 'P', min: 0, max: 65_535, help: 'gRPC port (default 50051; 0 = any free port)' },
    { name: 'metrics-port', kind: 'int', value: 'P', min: 0, max: 65_535, help: 'Prometheus /metrics port (default 9464)' },
    { name: 'auth', kind: 'string', value: 'FILE', help: 'API tokens/certificates file; default: DATA_DIR/auth.json, created with fresh tokens' },
    { name: 'tls-dir', kind: 'string', value: 'DIR', help: 'serve gRPC over TLS with DIR/tls.crt + DIR/tls.key; DIR/ca.crt too = mutual TLS (env TELSENTRY_TLS_DIR)' },
    { name: 'flows', kind: 'boolean', default: true, help: 'with the simulator: also simulate network flows for the flow detectors' },
    { name: 'kafka-brokers', kind: 'string', value: 'HOST:PORT[,…]', help: 'read CDRs from Kafka instead of the simulator (env TELSENTRY_KAFKA_BROKERS)' },
    { name: 'kafka-group-id', kind: 'string', value: 'ID', help: `consumer group (env TELSENTRY_KAFKA_GROUP_ID; default ${KAFKA_START_DEFAULTS.groupId})` },
    { name: 'kafka-group-instance-id', kind: 'string', value: 'ID', help: 'static group membership, e.g. the pod name (env TELSENTRY_KAFKA_GROUP_INSTANCE_ID)' },
    { name: 'kafka-topic', kind: 'strings', value: 'TOPIC', help: `CDR topic (default ${KAFKA_START_DEFAULTS.topic})` },
    { name: 'kafka-format', kind: 'string', value: 'FORMAT', default: KAFKA_START_DEFAULTS.format, help: 'payload format of the CDR topics: json, jsonl, csv, protobuf, arrow' },
    { name: 'kafka-subscribers-topic', kind: 'string', value: 'TOPIC', help: 'subscriber registrations from this topic (all partitions, every instance; read to its end before CDRs)' },
    { name: 'kafka-cells-topic', kind: 'string', value: 'TOPIC', help: 'cells reference data from this topic (as --kafka-subscribers-topic)' },
    { name: 'kafka-test-calls-topic', kind: 'string', value: 'TOPIC', help: 'test-call results from this topic (as --kafka-subscribers-topic)' },
    { name: 'kafka-side-feed-format', kind: 'string', value: 'FORMAT', default: KAFKA_START_DEFAULTS.sideFeedFormat, help: 'side-feed messages: jsonl (one object per line) or csv (with its header row)' },
    { name: 'kafka-flow-topic', kind: 'strings', value: 'TOPIC', help: 'network flows from this topic (goflow2 payloads; partitions shared in group GROUP.flows); needs --exporters' },
    { name: 'kafka-flow-format', kind: 'string', value: 'FORMAT', help: 'flow messages: protobuf (goflow2 -format=bin, default) or json (goflow2 -format=json lines)' },
    { name: 'exporters', kind: 'string', value: 'FILE', help: 'flow exporter map: JSON [{address, siteId, operator, samplingRate?}] (with --kafka-flow-topic)' },
    { name: 'kafka-findings-topic', kind: 'string', value: 'TOPIC', help: `where findings are produced (default ${RUNNER_DEFAULTS.findingsTopic})` },
    { name: 'kafka-max-messages-per-poll', kind: 'int', value: 'N', min: 1, max: 100_000, help: 'messages taken per consume call (default 1000)' },
    { name: 'checkpoint-interval-ms', kind: 'int', value: 'MS', min: 50, max: 3_600_000, help: `Kafka: engine state and offsets checkpointed under DATA_DIR/checkpoints this often (default ${RUNNER_DEFAULTS.checkpointIntervalMs})` },
    { name: 'exit-when-done', kind: 'boolean', help: 'exit once the input is consumed (Kafka: all partitions read to the end and quiet for 3 s) instead of serving until Ctrl-C' },
    { name: 'quiet', kind: 'boolean', help: 'do not print each finding' },
  ],
  examples: ['telsentry start', 'telsentry start --speed 0 --exit-when-done --data-dir /tmp/ts', 'telsentry start --cdr day1.csv.gz --cells cells.csv',
    'telsentry start --kafka-brokers 127.0.0.1:9092 --kafka-topic telsentry.cdr --cells cells.csv --data-dir /var/lib/telsentry'],
};

/** Kafka with --exit-when-done: every partition read to its end and nothing new for this long. */
const KAFKA_EXIT_IDLE_MS = 3_000; // several poll and checkpoint rounds: a producer still writing would show up

/** Creates DATA_DIR/auth.json with one fresh token per role (hashes only) and prints the tokens once. */
function ensureAuth(dataDir: string, log: (line: string) => void): AuthOptions {
  const path = join(dataDir, 'auth.json');
  if (existsSync(path)) return loadAuthFile(path);
  const grants = [
    { principal: 'local-admin', role: 'admin' as const },
    { principal: 'local-analyst', role: 'analyst' as const },
    { principal: 'local-investigator', role: 'investigator' as const },
  ];
  const tokens = grants.map((g) => ({ ...g, token: randomBytes(24).toString('base64url') }));
  writeFileSync(path, JSON.stringify({ tokens: tokens.map(({ token, ...g }) => ({ ...g, sha256: createHash('sha256').update(token).digest('hex') })) }, null, 2) + '\n', { mode: 0o600 });
  writeFileSync(join(dataDir, 'tokens.local.txt'), tokens.map((t) => `${t.role}\t${t.token}`).join('\n') + '\n', { mode: 0o600 });
  log(`created ${path} with one token per role; the tokens are in ${join(dataDir, 'tokens.local.txt')} (keep them secret)`);
  return loadAuthFile(path);
}

export async function runStart(argv: string[]): Promise<number> {
  const flags = parseFlags(startSpec, argv);
  const fileConfig: Partial<TelsentryConfig> = flags.config === undefined ? {} : loadConfigFile(flags.config as string);
  const config = validateConfig({
    ...fileConfig,
    ...(flags['data-dir'] !== undefined ? { dataDir: flags['data-dir'] as string } : {}),
    ...(flags['grpc-port'] !== undefined ? { grpcPort: flags['grpc-port'] as number } : {}),
    ...(flags['metrics-port'] !== undefined ? { metricsPort: flags['metrics-port'] as number } : {}),
  });
  if (!(SCENARIO_NAMES as readonly string[]).includes(flags.scenario as string)) {
    process.stderr.write(`start: --scenario must be one of ${SCENARIO_NAMES.join(', ')} (got "${String(flags.scenario)}")\n`);
    return 2;
  }
  const kafka = kafkaStartOptions(flags, process.env);
  if (kafka !== undefined && (flags.cdr as string[]).length > 0) {
    process.stderr.write('start: give either --cdr files or Kafka brokers (--kafka-brokers / TELSENTRY_KAFKA_BROKERS), not both\n');
    return 2;
  }
  const tlsDir = tlsDirOf(flags['tls-dir'], process.env);
  const tls = tlsDir === undefined ? undefined : tlsOptionsFromDir(tlsDir);
  const log = (line: string): void => void process.stderr.write(`${new Date().toISOString()} telsentry: ${line}\n`);
  mkdirSync(config.dataDir, { recursive: true });
  const store = await Store.open(join(config.dataDir, 'telsentry.duckdb'));
  const metrics = new TelsentryMetrics();
  const dictionaries = createDictionaries();
  const engine = new Engine({ config, dictionaries, detectors: createDetectors() });
  const quiet = flags.quiet === true;
  const profiles = new ProfileRecorder(dictionaries, engine.clock);
  const outputs = new EngineOutputs({
    engine, store, metrics, log, profiles,
    onFinding: (finding, change) => {
      if (!quiet && change === 'raised') process.stdout.write(formatFindingLine(finding, change) + '\n');
    },
  });
  const metricsServer = await startMetricsServer({ host: config.metricsHost, port: config.metricsPort, metrics });
  const auth = flags.auth !== undefined ? loadAuthFile(flags.auth as string) : ensureAuth(config.dataDir, log);
  const api = await startApiServer({ store, host: config.grpcHost, port: config.grpcPort, auth, metrics, profiles: new EngineProfiles(engine), ...(tls !== undefined ? { tls } : {}) });
  log(`gRPC API on ${config.grpcHost}:${api.port} (${describeTls(tls)}), metrics on http://${config.metricsHost}:${metricsServer.port}/metrics, DuckDB ${join(config.dataDir, 'telsentry.duckdb')}`);

  let stopping = false;
  const stop = new Promise<void>((resolve) => {
    const onSignal = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: shutting down`);
      resolve();
    };
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
  });

  const stats = new IngestStats();
  const source = kafka !== undefined ? 'kafka' : (flags.cdr as string[]).length > 0 ? 'files' : 'simulator';
  metrics.declareSource(source, REJECT_REASONS);
  const sync = new StatsSync(metrics, source);
  const started = performance.now();
  const flushTimer = setInterval(() => {
    sync.syncIngest(stats);
    sync.syncEngine(engine.stats);
    let worstLagMs = 0;
    for (const lagMs of engine.sourceWatermarkLagMs().values()) worstLagMs = Math.max(worstLagMs, lagMs);
    metrics.setWatermarkLag(source, worstLagMs);
    void outputs.flush();
  }, 1_000);
  const onBatch = (_sourceId: string, batch: CdrBatch): void => {
    recordIngestByOperator(metrics, source, batch.operatorId, batch.length, (id) => dictionaries.operator.value(id));
    profiles.record(batch);
  };
  try {
    if (kafka !== undefined) {
      await runKafkaStart({ ...kafka, ...(flags['exit-when-done'] === true ? { exitWhenIdleMs: KAFKA_EXIT_IDLE_MS } : {}) }, {
        config, dictionaries, engine, outputs, profiles, store, metrics, onBatch, stopped: stop, log,
        sideFeeds: { cdrFiles: [], subscribersFile: flags.subscribers as string | undefined, cellsFile: flags.cells as string | undefined, testCallsFile: flags['test-calls'] as string | undefined },
      });
    } else if (source === 'files') {
      await replayFiles({
        cdrFiles: flags.cdr as string[], subscribersFile: flags.subscribers as string | undefined,
        cellsFile: flags.cells as string | undefined, testCallsFile: flags['test-calls'] as string | undefined,
      }, { engine, stats, onBatch, onProgress: (p) => log(`${p.recordsRead} records, ${p.findings} findings`) });
    } else {
      log(`simulating ${String(flags.population)} subscribers for ${String(flags.days)} day(s), scenario ${String(flags.scenario)}, ${String(flags.speed)}× real time`);
      let hours = 0;
      const flowEngine = new FlowEngine({ timeZone: config.timeZone });
      const flowIds = new Set<string>();
      flowEngine.onFinding((finding) => {
        outputs.acceptFinding(finding, flowIds.has(finding.id) ? 'updated' : 'raised');
        flowIds.add(finding.id);
      });
      const flowRejects: RejectCounts = {};
      const flows = flags.flows === true ? runFlowSimSource({
        flowEngine, startMs: Date.parse(SIMULATION_DEFAULTS.start), days: flags.days as number, seed: flags.seed as number, speed: flags.speed as number,
        stopped: () => stopping, rejects: flowRejects,
        onFlows: (n, bytes, operator) => metrics.recordFlows(operator, 'flow-simulator', n, bytes),
      }) : Promise.resolve();
      await runSimSource({
        engine, stats, onBatch, onCells: (cells) => void store.upsertCells(cells).catch((e: Error) => log(`storing cells failed: ${e.message}`)), speed: flags.speed as number, stopped: () => stopping,
        simulation: { seed: flags.seed as number, subscribers: flags.population as number, days: flags.days as number, scenario: flags.scenario as ScenarioName },
        onHour: () => {
          if (++hours % 6 === 0) log(`event time ${new Date(engine.watermarkMs).toISOString()}: ${stats.read} records, ${engine.ledger.size} findings, ${engine.windows.active} active subscribers`);
        },
      });
      engine.finish();
      await flows;
      for (const [reason, n] of Object.entries(flowRejects)) metrics.recordFlowDrops(reason, n ?? 0);
    }
    sync.syncIngest(stats);
    sync.syncEngine(engine.stats);
    await outputs.flush();
    process.stdout.write(formatSummary(summarise(stats, engine.stats, engine.findings(), performance.now() - started)));
    if (flags['exit-when-done'] !== true && !stopping) {
      log('input consumed; still serving the API and metrics (Ctrl-C to stop)');
      await stop;
    }
  } finally {
    clearInterval(flushTimer);
    await outputs.flush();
    await api.close();
    await metricsServer.close();
    await store.close();
    log('stopped');
  }
  return 0;
}
