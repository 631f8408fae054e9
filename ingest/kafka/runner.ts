/**
 * The Kafka production path of `telsentry start`: CDR topics → engine → findings topic, with
 * crash-safe checkpoints. The loop is single-threaded: poll a batch, hand it to the engine,
 * and every checkpointIntervalMs take a checkpoint in this order:
 *   1. hand on what the consumer has buffered; offsets = what the engine has been given;
 *      state = engine.checkpoint() (same instant; it includes the per-partition dedupe memories)
 *   2. flush findings, dead letters (acknowledged by the broker) and the outputs (DuckDB)
 *   3. write state + dictionaries + offsets atomically (CheckpointStore)
 *   4. store and commit the offsets in the consumer group (markDurable)
 * A crash anywhere restarts from the last complete checkpoint: the engine state and the
 * offsets it covers come back together, so no record is lost or counted twice. Findings
 * raised after that checkpoint are raised again with the same ids (Contract 3), so the
 * findings topic (compacted, keyed by id) converges to the same content; outputs written after
 * it (daily rows) are written again and replace themselves (Store).
 */
import type { Table } from 'apache-arrow';
import type { CdrBatch } from '../../core/cdr.js';
import type { Dictionaries } from '../../core/dictionary.js';
import type { Finding } from '../../core/finding.js';
import type { RecordDeduplicator } from '../dedupe.js';
import { CheckpointStore } from './checkpoint.js';
import { CdrKafkaConsumer } from './consumer.js';
import { DeadLetterProducer } from './dead-letter-producer.js';
import { dictionaryTables, isDictionaryTable, restoreDictionaries } from './dictionary-tables.js';
import type { CdrConsumerOptions } from './options.js';
import { sumLagByTopic } from './partition-ledger.js';
import { FindingsProducer } from './producer.js';

/** What the runner needs from the engine. */
export interface CheckpointableEngine {
  ingest(sourceId: string, batch: CdrBatch): void;
  /** The source is idle or no longer ours: it stops holding the watermark back. */
  closeSource(sourceId: string): void;
  /** Re-evaluates the watermark (idle sources time out). */
  advance(): void;
  checkpoint(): { tables: Record<string, Table>; meta: unknown };
  restore(checkpoint: { tables: Record<string, Table>; meta: unknown }): void;
  onFinding(listener: (finding: Finding) => void): void;
  /** Saves more state with the engine's (the consumer's dedupe memories); must be called before restore(). */
  attachCheckpointState?(name: string, state: object): void;
}

export interface KafkaRunnerOptions {
  consumer: Partial<CdrConsumerOptions> & Pick<CdrConsumerOptions, 'brokers' | 'groupId' | 'topics'>;
  findingsTopic: string;
  checkpointDir: string;
  checkpointIntervalMs: number;
}

export const RUNNER_DEFAULTS = Object.freeze({
  findingsTopic: 'telsentry.findings',
  checkpointIntervalMs: 10_000, // replay after a crash is at most ~10 s of input; a checkpoint costs one state write
});

export interface LagSink {
  setKafkaLag(topic: string, messages: number): void;
}

export interface KafkaRunnerDeps {
  dictionaries: Dictionaries;
  /** See CdrConsumerDeps.dedupeHorizonMs. */
  dedupeHorizonMs?: number;
  metrics?: LagSink;
  /** Called after each checkpoint is durable and its offsets committed (logging, tests). */
  onCheckpoint?: (seq: number) => void;
  /**
   * Makes the outputs of everything the engine has been given durable (e.g. EngineOutputs.flush
   * to DuckDB); awaited before a checkpoint covers those records.
   */
  flushOutputs?: () => Promise<void>;
}

export class KafkaRunner {
  readonly store: CheckpointStore;
  readonly consumer: CdrKafkaConsumer;
  private readonly findings: FindingsProducer;
  private readonly deadLetters: DeadLetterProducer;
  private findingError: Error | null = null;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private lastCheckpointAt = Date.now();
  checkpoints = 0;
  /** Sequence of the checkpoint restored at start, 0 when starting fresh. */
  readonly restoredSeq: number;

  constructor(private readonly engine: CheckpointableEngine, private readonly opts: KafkaRunnerOptions, private readonly deps: KafkaRunnerDeps) {
    this.store = new CheckpointStore(opts.checkpointDir);
    // Dedupe memories are state too: a repeat of a record read before the checkpoint is still a repeat after it.
    const dedupeMemory = new Map<string, RecordDeduplicator>();
    if (deps.dedupeHorizonMs !== undefined) engine.attachCheckpointState?.('kafka_dedupe', dedupeMemory);
    const restored = this.store.load();
    if (restored !== null) {
      restoreDictionaries(deps.dictionaries, restored.tables);
      const engineTables = Object.fromEntries(Object.entries(restored.tables).filter(([name]) => !isDictionaryTable(name)));
      engine.restore({ tables: engineTables, meta: restored.meta });
    }
    this.restoredSeq = restored?.seq ?? 0;
    const brokers = opts.consumer.brokers;
    const clientId = opts.consumer.clientId ?? 'telsentry';
    this.findings = new FindingsProducer({ brokers, clientId: `${clientId}-findings`, topic: opts.findingsTopic });
    this.deadLetters = new DeadLetterProducer({ brokers, clientId: `${clientId}-dlq`, topic: opts.consumer.deadLetterTopic ?? 'telsentry.cdr.dlq' });
    this.consumer = new CdrKafkaConsumer(opts.consumer, {
      onBatch: (sourceId, batch) => engine.ingest(sourceId, batch),
      onSourceIdle: (sourceId) => engine.closeSource(sourceId),
      onRevoked: (sourceIds) => { for (const id of sourceIds) engine.closeSource(id); },
    }, {
      dictionaries: deps.dictionaries, deadLetters: this.deadLetters,
      ...(deps.dedupeHorizonMs !== undefined ? { dedupeHorizonMs: deps.dedupeHorizonMs } : {}),
      ...(restored !== null ? { startOffsets: restored.offsets } : {}),
      dedupeMemory,
    });
    engine.onFinding((finding) => {
      this.findings.sendFinding(finding).catch((err: Error) => {
        this.findingError ??= err;
      });
    });
  }

  async start(): Promise<void> {
    await this.findings.connect();
    await this.deadLetters.connect();
    await this.consumer.connect();
    this.loop = this.run();
  }

  /** Resolves when the loop ends (after stop(), or rejects on a fatal error). */
  done(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      await this.consumer.pollOnce();
      this.engine.advance();
      if (Date.now() - this.lastCheckpointAt >= this.opts.checkpointIntervalMs) await this.checkpoint();
    }
  }

  /** Takes a checkpoint now (see the file comment for the order). */
  async checkpoint(): Promise<number> {
    this.consumer.releaseBuffered();
    const offsets = this.consumer.processedOffsets();
    const state = this.engine.checkpoint();
    await this.findings.flush();
    if (this.findingError !== null) throw this.findingError;
    await this.consumer.flushDeadLetters();
    await this.deps.flushOutputs?.();
    const written = this.store.write({ tables: { ...state.tables, ...dictionaryTables(this.deps.dictionaries) }, meta: state.meta, offsets });
    this.consumer.markDurable(offsets);
    this.lastCheckpointAt = Date.now();
    this.checkpoints++;
    this.deps.onCheckpoint?.(written.seq);
    if (this.deps.metrics !== undefined) {
      for (const [topic, lag] of sumLagByTopic(this.consumer.lag())) this.deps.metrics.setKafkaLag(topic, lag);
    }
    return written.seq;
  }

  /** Stop the loop, take a last checkpoint, close consumer and producers (each once). */
  async stop(): Promise<void> {
    if (this.stopping) return this.done();
    this.stopping = true;
    try {
      await this.done();
      await this.checkpoint();
    } finally {
      await this.consumer.close();
      await this.findings.close();
      await this.deadLetters.close();
    }
  }
}
