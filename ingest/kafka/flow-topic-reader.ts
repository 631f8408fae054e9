/**
 * Network flows on Kafka (Contract 2: goflow2's `-format=bin` length-delimited FlowMessages or
 * `-format=json` lines) → the flow engine. Instances share the flow partitions in their own
 * consumer group (`<group>.flows`), so keep one exporter's flows in one partition (goflow2
 * keys by sampler address with `-kafka.hashing`): a site's aggregates then live on one instance.
 *
 * Offsets are never committed by the broker's clock: the next offset of every owned partition
 * is checkpoint state (`positions`, saved with the engine and the flow engine in one
 * checkpoint), and a partition assigned with a saved position resumes exactly there. Messages
 * are decoded and applied, and their positions advanced, in one synchronous step, so any
 * checkpoint sees state and positions that agree. Rejected flows are counted by reason
 * (goflow decoders' RejectCounts); a message is never retried, so none can stall a partition.
 */
import type { FlowEngine } from '../../engine/flows/flow-engine.js';
import type { ExporterConfig } from '../flows/exporters.js';
import { GoflowPayloadDecoder } from '../flows/goflow-kafka.js';
import { countReject, type RejectCounts } from '../flows/batch.js';
import {
  CODES, connectClient, disconnectClient, KafkaConsumer, sourceIdOf,
  type KafkaConsumerClient, type LibrdKafkaError, type Message, type TopicPartition,
} from './rdkafka.js';

export const FLOW_TOPIC_FORMATS = ['protobuf', 'json'] as const;
export type FlowTopicFormat = (typeof FLOW_TOPIC_FORMATS)[number];

/** Checkpointed with the engine: next offset to read, by `topic/partition`. */
export interface FlowTopicPositions {
  next: Map<string, number>;
}

export interface FlowTopicReaderOptions {
  brokers: string;
  groupId: string;
  clientId: string;
  topics: readonly string[];
  format: FlowTopicFormat;
  exporters: readonly ExporterConfig[];
  maxMessagesPerPoll?: number;
  /** Extra librdkafka properties (static membership, security). */
  rdkafka?: Record<string, string | number | boolean>;
}

const CONNECT_TIMEOUT_MS = 30_000;
const DISCONNECT_TIMEOUT_MS = 15_000;
const POLL_TIMEOUT_MS = 100;

export class FlowTopicReader {
  /** Flows and messages read; rejected flows by reason. */
  messages = 0;
  private readonly consumer: KafkaConsumerClient;
  private decoder: GoflowPayloadDecoder | null = null;
  private readonly owned = new Set<string>();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private lastError: Error | null = null;

  constructor(
    private readonly opts: FlowTopicReaderOptions,
    private readonly flowEngine: FlowEngine,
    private readonly positions: FlowTopicPositions,
  ) {
    this.consumer = new KafkaConsumer({
      'metadata.broker.list': opts.brokers,
      'group.id': opts.groupId,
      'client.id': `${opts.clientId}-flows`,
      ...opts.rdkafka,
      // Positions live in the checkpoint; the group only shares the partitions out.
      'enable.auto.commit': false,
      'enable.auto.offset.store': false,
      'partition.assignment.strategy': 'cooperative-sticky',
      rebalance_cb: (err: LibrdKafkaError, assignment: TopicPartition[]) => this.onRebalance(err, assignment),
    }, { 'auto.offset.reset': 'earliest' });
    this.consumer.on('event.error', (err: LibrdKafkaError) => {
      this.lastError = new Error(`kafka flow consumer: ${err.message}`);
    });
  }

  /** Flows rejected so far, by reason (an empty message counts as `truncated`). */
  get rejects(): RejectCounts {
    return this.decoder?.rejects ?? {};
  }

  /** Partitions this instance reads now. */
  get ownedPartitions(): string[] {
    return [...this.owned];
  }

  async connect(): Promise<void> {
    await connectClient(this.consumer, CONNECT_TIMEOUT_MS);
    this.consumer.setDefaultConsumeTimeout(POLL_TIMEOUT_MS);
    this.consumer.subscribe([...this.opts.topics]);
  }

  /** Reads until stop(); rejects on a fatal consumer error. */
  run(): Promise<void> {
    this.loop ??= (async () => {
      while (!this.stopping) await this.pollOnce();
    })();
    return this.loop;
  }

  async pollOnce(): Promise<number> {
    if (this.lastError !== null) throw this.lastError;
    const messages = await new Promise<Message[]>((resolve, reject) => {
      this.consumer.consume(this.opts.maxMessagesPerPoll ?? 500, (err: LibrdKafkaError | null, batch: Message[]) => {
        if (err && err.isFatal) reject(new Error(`kafka flow consume (fatal): ${err.message}`));
        else resolve(err ? [] : batch);
      });
    });
    if (messages.length > 0) this.apply(messages);
    return messages.length;
  }

  /** Lag of every owned partition (end offset − next offset), from the end offsets librdkafka caches from fetches. */
  lag(): { sourceId: string; lag: number }[] {
    return [...this.owned].map((sourceId) => {
      const slash = sourceId.lastIndexOf('/');
      const { highOffset } = this.consumer.getWatermarkOffsets(sourceId.slice(0, slash), Number(sourceId.slice(slash + 1)));
      // Before the first fetch librdkafka knows no end (a negative logical offset): not caught up.
      if (highOffset < 0) return { sourceId, lag: Number.POSITIVE_INFINITY };
      return { sourceId, lag: Math.max(0, highOffset - (this.positions.next.get(sourceId) ?? 0)) };
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop?.catch(() => undefined);
    this.consumer.unsubscribe();
    await disconnectClient(this.consumer, DISCONNECT_TIMEOUT_MS);
  }

  /** Decode, apply and advance positions in one synchronous step (see the module comment). */
  private apply(messages: Message[]): void {
    // Made on first use: after a restore the flow engine's dictionaries are the restored ones.
    this.decoder ??= new GoflowPayloadDecoder({
      format: this.opts.format, exporters: this.opts.exporters, dictionaries: this.flowEngine.flowDictionaries,
      onBatch: (batch) => this.flowEngine.ingest(batch),
    });
    for (const message of messages) {
      const id = sourceIdOf(message.topic, message.partition);
      if (!this.owned.has(id)) continue; // revoked while the batch was in flight
      if (message.value !== null && message.value.length > 0) this.decoder.decodePayload(message.value);
      else countReject(this.decoder.rejects, 'truncated');
      this.positions.next.set(id, message.offset + 1);
      this.messages++;
    }
    this.decoder.flush();
  }

  private onRebalance(err: LibrdKafkaError, assignment: TopicPartition[]): void {
    try {
      if (err.code === CODES.ERRORS.ERR__ASSIGN_PARTITIONS) {
        this.consumer.incrementalAssign(assignment.map((tp) => {
          const id = sourceIdOf(tp.topic, tp.partition);
          this.owned.add(id);
          const next = this.positions.next.get(id);
          return next === undefined ? { topic: tp.topic, partition: tp.partition } : { topic: tp.topic, partition: tp.partition, offset: next };
        }));
      } else if (err.code === CODES.ERRORS.ERR__REVOKE_PARTITIONS) {
        this.consumer.incrementalUnassign(assignment);
        for (const tp of assignment) this.owned.delete(sourceIdOf(tp.topic, tp.partition));
      } else {
        this.lastError = new Error(`kafka flow rebalance: ${err.message}`);
      }
    } catch (cause) {
      if (this.consumer.isConnected()) this.lastError = cause as Error;
    }
  }
}
