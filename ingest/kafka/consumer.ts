/**
 * CDR topics → engine, through a node-rdkafka consumer group. Batches of messages are taken
 * with consume(n); each partition's messages are decoded (MessageDecoder) into CdrBatches for
 * source `topic/partition` (the engine keeps a watermark per partition) and handed on in
 * event-time order across partitions (EventTimeAligner). Offsets are never committed on their own:
 * processedOffsets() tells the runner what its next checkpoint covers, and markDurable()
 * stores and commits exactly those offsets once the checkpoint is on disk. Nothing a
 * message contains can stop a partition: undecodable messages, rejected records and
 * messages the engine throws on go to the dead-letter topic and the partition moves on.
 */
import type { CdrBatch } from '../../core/cdr.js';
import type { RecordDeduplicator } from '../dedupe.js';
import type { Dictionaries } from '../../core/dictionary.js';
import { CdrConsumerStats } from './consumer-stats.js';
import type { DeadLetterSink } from './dead-letter-producer.js';
import { EventTimeAligner, type PendingBatch } from './event-time-aligner.js';
import type { MessageRejectReason } from './formats.js';
import { MessageDecoder, type DecodedContext } from './message-decoder.js';
import { PINNED_CONSUMER_SETTINGS, validateConsumerOptions, type CdrConsumerOptions } from './options.js';
import { PartitionLedger, type PartitionLag } from './partition-ledger.js';
import {
  CODES, connectClient, disconnectClient, KafkaConsumer, sourceIdOf,
  type KafkaConsumerClient, type LibrdKafkaError, type Message, type TopicPartition, type TopicPartitionOffset,
} from './rdkafka.js';
import { sliceCdrBatch } from './slice-batch.js';

export interface CdrSourceHandler {
  /** Accepted records of one partition's messages, in offset order. Throwing dead-letters the messages involved. */
  onBatch(sourceId: string, batch: CdrBatch): void;
  /** The partition had no message for sourceIdleTimeoutMs: it should stop holding the watermark back. */
  onSourceIdle?(sourceId: string): void;
  onAssigned?(sourceIds: string[]): void;
  onRevoked?(sourceIds: string[]): void;
}

export interface CdrConsumerDeps {
  dictionaries: Dictionaries;
  deadLetters: DeadLetterSink;
  /**
   * Repeats of (operator, record_id) within this much event time are dropped. One memory per
   * partition: a record and its repeat share the served IMSI and so the partition, and
   * partitions read at different speeds would push each other's repeats out of a shared horizon.
   */
  dedupeHorizonMs?: number;
  /** Where to resume each partition (a checkpoint's offsets); others start at the group's committed offset. */
  startOffsets?: readonly TopicPartitionOffset[];
  /**
   * Per-partition dedupe memories, by source id: given by the runner so they are checkpointed
   * with the engine (restored before any message is decoded). Created on demand when absent.
   */
  dedupeMemory?: Map<string, RecordDeduplicator>;
}

const CONNECT_TIMEOUT_MS = 30_000;
const DISCONNECT_TIMEOUT_MS = 15_000;

export class CdrKafkaConsumer {
  readonly opts: CdrConsumerOptions;
  readonly stats = new CdrConsumerStats();
  private readonly consumer: KafkaConsumerClient;
  private readonly decoder: MessageDecoder;
  private readonly ledger: PartitionLedger;
  private readonly aligner = new EventTimeAligner();
  private readonly pendingLetters: Promise<void>[] = [];
  private loop: Promise<void> | null = null;
  private stopping = false;
  private closing: Promise<void> | null = null;
  private lastError: Error | null = null;
  private letterError: Error | null = null;

  constructor(
    opts: Partial<CdrConsumerOptions> & Pick<CdrConsumerOptions, 'brokers' | 'groupId' | 'topics'>,
    private readonly handler: CdrSourceHandler,
    private readonly deps: CdrConsumerDeps,
  ) {
    this.opts = validateConsumerOptions(opts);
    this.decoder = new MessageDecoder(this.opts, deps, this.stats, {
      rejectMessage: (message, reason, detail) => this.rejectMessage(message, reason, detail),
      rejectRecord: (message, reason, detail, value) => this.rejectRecord(message, reason, detail, value),
    });
    this.ledger = new PartitionLedger(deps.startOffsets ?? []);
    this.consumer = new KafkaConsumer(
      {
        'metadata.broker.list': this.opts.brokers,
        'group.id': this.opts.groupId,
        'client.id': this.opts.clientId,
        ...this.opts.rdkafka,
        ...PINNED_CONSUMER_SETTINGS,
        // End-of-log events tell the aligner a partition has nothing earlier to deliver.
        'enable.partition.eof': true,
        rebalance_cb: (err: LibrdKafkaError, assignment: TopicPartition[]) => this.onRebalance(err, assignment),
      },
      { 'auto.offset.reset': 'earliest' },
    );
    this.consumer.on('partition.eof', (eof: TopicPartitionOffset) => this.ledger.reachedEnd(sourceIdOf(eof.topic, eof.partition), eof.offset));
    this.consumer.on('event.error', (err: LibrdKafkaError) => {
      this.lastError = new Error(`kafka consumer: ${err.message}`);
    });
  }

  async connect(): Promise<void> {
    await connectClient(this.consumer, CONNECT_TIMEOUT_MS);
    this.consumer.setDefaultConsumeTimeout(this.opts.pollTimeoutMs);
    this.consumer.subscribe(this.opts.topics.map((t) => t.topic));
  }

  /** Consumes until stop()/close(); resolves when the loop has ended (no call is in flight then). */
  run(): Promise<void> {
    this.loop ??= (async () => {
      while (!this.stopping) await this.pollOnce();
    })();
    return this.loop;
  }

  /** One consume(n) and the processing of what it returned; returns the number of messages. */
  async pollOnce(): Promise<number> {
    const messages = await new Promise<Message[]>((resolve, reject) => {
      this.consumer.consume(this.opts.maxMessagesPerPoll, (err: LibrdKafkaError | null, batch: Message[]) => {
        if (err && err.isFatal) reject(new Error(`kafka consume (fatal): ${err.message}`));
        else resolve(err ? [] : batch);
      });
    });
    if (messages.length > 0) this.handleMessages(messages);
    this.releaseAligned();
    for (const sourceId of this.ledger.newlyIdle(Date.now(), this.opts.sourceIdleTimeoutMs)) this.handler.onSourceIdle?.(sourceId);
    return messages.length;
  }

  /** Next offset to read per partition, for everything handed to the handler so far. */
  processedOffsets(): TopicPartitionOffset[] {
    return this.ledger.processed();
  }

  /** Waits until every dead letter produced so far is acknowledged by the broker. */
  async flushDeadLetters(): Promise<void> {
    await Promise.all(this.pendingLetters.splice(0));
    const failed = this.letterError;
    this.letterError = null;
    if (failed !== null) throw failed;
    await this.deps.deadLetters.flush();
  }

  /**
   * The effect of everything before `offsets` is durable (checkpointed, dead letters flushed):
   * store and commit them for the partitions this member still owns.
   */
  markDurable(offsets: readonly TopicPartitionOffset[]): void {
    if (this.closing !== null || !this.consumer.isConnected()) return;
    const owned = offsets.filter((o) => this.ledger.isAssigned(o.topic, o.partition));
    if (owned.length === 0) return;
    this.consumer.offsetsStore(owned.map(({ topic, partition, offset }) => ({ topic, partition, offset })));
    this.consumer.commit();
  }

  /** Messages behind the log end per assigned partition (high watermark − next offset to process). */
  lag(): PartitionLag[] {
    return this.ledger.lag((topic, partition) => {
      try {
        return this.consumer.getWatermarkOffsets(topic, partition).highOffset;
      } catch {
        return NaN;
      }
    });
  }

  lastClientError(): Error | null {
    return this.lastError;
  }

  /** Stops the loop after the current poll; close() does the rest. */
  stop(): void {
    this.stopping = true;
  }

  /** Stop the loop, wait for it and for dead letters, unsubscribe, disconnect once. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.stopping = true;
      if (this.loop !== null) await this.loop.catch(() => undefined);
      await Promise.allSettled(this.pendingLetters.splice(0));
      if (this.consumer.isConnected()) {
        try {
          this.consumer.unsubscribe();
        } catch {
          // already unsubscribed or the handle is going away: disconnect still releases it
        }
        await disconnectClient(this.consumer, DISCONNECT_TIMEOUT_MS);
      }
    })();
    return this.closing;
  }

  private onRebalance(err: LibrdKafkaError, assignment: TopicPartition[]): void {
    try {
      if (err.code === CODES.ERRORS.ERR__ASSIGN_PARTITIONS) {
        this.consumer.incrementalAssign(assignment.map((tp) => this.ledger.assign(tp.topic, tp.partition)));
        this.handler.onAssigned?.(assignment.map((tp) => sourceIdOf(tp.topic, tp.partition)));
      } else if (err.code === CODES.ERRORS.ERR__REVOKE_PARTITIONS) {
        this.consumer.incrementalUnassign(assignment);
        for (const tp of assignment) {
          this.ledger.revoke(tp.topic, tp.partition);
          this.aligner.drop(sourceIdOf(tp.topic, tp.partition));
        }
        this.handler.onRevoked?.(assignment.map((tp) => sourceIdOf(tp.topic, tp.partition)));
      } else {
        this.lastError = new Error(`kafka rebalance: ${err.message}`);
      }
    } catch (cause) {
      // After disconnect librdkafka may still deliver a final revoke: nothing left to do then.
      if (this.consumer.isConnected()) this.lastError = cause as Error;
    }
  }

  private handleMessages(messages: Message[]): void {
    const byPartition = new Map<string, Message[]>();
    for (const message of messages) {
      const sourceId = sourceIdOf(message.topic, message.partition);
      let list = byPartition.get(sourceId);
      if (list === undefined) byPartition.set(sourceId, (list = []));
      list.push(message);
    }
    const now = Date.now();
    for (const [sourceId, list] of byPartition) {
      this.ledger.fetched(sourceId, list[list.length - 1]!.offset + 1, now);
      for (const pending of this.decoder.decodePartition(sourceId, list)) this.aligner.push(pending);
    }
  }

  /**
   * Hands every buffered batch on now, in event-time order. Before a checkpoint: the engine
   * state, the dedupe memories (which have seen the buffered records) and processedOffsets()
   * then describe the same point of every partition.
   */
  releaseBuffered(): void {
    this.releaseAligned(true);
  }

  /** Hands buffered batches to the engine in event-time order (see EventTimeAligner). */
  private releaseAligned(all = false): void {
    const now = Date.now();
    const progress = {
      owned: () => this.ledger.owned(),
      drained: (sourceId: string) => all || this.ledger.drained(sourceId, now, this.opts.sourceIdleTimeoutMs),
    };
    for (const pending of this.aligner.release(progress)) {
      if (pending.batch.length > 0) this.hand(pending);
      const { topic, partition } = pending.context as DecodedContext;
      this.ledger.processedUpTo(topic, partition, pending.nextOffset);
    }
  }

  private hand(pending: PendingBatch): void {
    try {
      this.handler.onBatch(pending.sourceId, pending.batch);
      this.stats.accepted += pending.batch.length;
    } catch {
      const context = pending.context as DecodedContext;
      this.retryPerMessage(pending.sourceId, context.messages, pending.batch, context.acceptedCursor, context.cursorMessage);
    }
  }

  /** The combined batch threw: hand each message's records on alone and dead-letter the ones that still throw. */
  private retryPerMessage(sourceId: string, messages: Message[], batch: CdrBatch, acceptedCursor: Int32Array, cursorMessage: number[]): void {
    let from = 0;
    while (from < batch.length) {
      const cursor = acceptedCursor[from]!;
      let to = from + 1;
      while (to < batch.length && acceptedCursor[to] === cursor) to++;
      const message = messages[cursorMessage[cursor]!]!;
      try {
        this.handler.onBatch(sourceId, sliceCdrBatch(batch, from, to));
        this.stats.accepted += to - from;
      } catch (err) {
        this.rejectMessage(message, 'processing_failed', `engine rejected the message: ${(err as Error).message}`);
      }
      from = to;
    }
  }

  private rejectMessage(message: Message, reason: MessageRejectReason, detail: string): void {
    this.stats.messagesRejected++;
    this.stats.count(reason);
    this.deadLetter(message, reason, detail, message.value ?? Buffer.alloc(0));
  }

  private rejectRecord(message: Message, reason: string, detail: string, value: Buffer): void {
    this.stats.recordsRejected++;
    this.stats.count(reason);
    this.deadLetter(message, reason as MessageRejectReason, detail, value);
  }

  private deadLetter(message: Message, reason: MessageRejectReason, detail: string, value: Buffer): void {
    this.stats.deadLettered++;
    const sending = this.deps.deadLetters.send({
      sourceTopic: message.topic, partition: message.partition, offset: message.offset, key: message.key, value, reason, detail,
    });
    // Kept until the next flush so a checkpoint never covers a dead letter still in flight.
    this.pendingLetters.push(sending.catch((err: Error) => {
      this.letterError ??= err;
    }));
  }
}

export { CdrConsumerStats };
