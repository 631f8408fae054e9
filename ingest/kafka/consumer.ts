/**
 * CDR topics → engine, through a node-rdkafka consumer group. Batches of messages are taken
 * with consume(n); each partition's messages become one CdrBatch for source `topic/partition`
 * (the engine keeps a watermark per partition). Offsets are never committed on their own:
 * processedOffsets() tells the runner what its next checkpoint covers, and markDurable()
 * stores and commits exactly those offsets once the checkpoint is on disk. Nothing a
 * message contains can stop a partition: undecodable messages, rejected records and
 * messages the engine throws on go to the dead-letter topic and the partition moves on.
 */
import type { CdrBatch } from '../../core/cdr.js';
import type { Dictionaries } from '../../core/dictionary.js';
import { RecordDeduplicator } from '../dedupe.js';
import type { DeadLetterSink } from './dead-letter-producer.js';
import { FORMAT_HEADER, isPayloadFormat, type MessageRejectReason, type PayloadFormat } from './formats.js';
import { PINNED_CONSUMER_SETTINGS, validateConsumerOptions, type CdrConsumerOptions, type KafkaTopicSpec } from './options.js';
import { EventTimeAligner, type PendingBatch } from './event-time-aligner.js';
import { PartitionLedger, type PartitionLag } from './partition-ledger.js';
import { decodePayload, PayloadError } from './payload-decode.js';
import { ProtoCursor, type RecordCursor } from './record-cursor.js';
import {
  CODES, connectClient, disconnectClient, KafkaConsumer, sourceIdOf,
  type KafkaConsumerClient, type LibrdKafkaError, type Message, type TopicPartition, type TopicPartitionOffset,
} from './rdkafka.js';
import { KafkaRecordDecoder } from './record-decoder.js';
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
}

export class CdrConsumerStats {
  messages = 0;
  records = 0;
  accepted = 0;
  duplicates = 0;
  recordsRejected = 0;
  messagesRejected = 0;
  readonly rejectedByReason = new Map<string, number>();
  deadLettered = 0;

  count(reason: string): void {
    this.rejectedByReason.set(reason, (this.rejectedByReason.get(reason) ?? 0) + 1);
  }
}

const CONNECT_TIMEOUT_MS = 30_000;
/**
 * Batches handed to the engine span at most about this much event time (cut at message
 * boundaries, so offsets stay exact): the aligner orders partitions batch by batch, and the
 * engine's watermark may only jump by far less than the allowed disorder (10 min).
 */
const ALIGN_CHUNK_MS = 60_000;
const DISCONNECT_TIMEOUT_MS = 15_000;

export class CdrKafkaConsumer {
  readonly opts: CdrConsumerOptions;
  readonly stats = new CdrConsumerStats();
  private readonly consumer: KafkaConsumerClient;
  private readonly topics: Map<string, KafkaTopicSpec>;
  private readonly decoders = new Map<string, KafkaRecordDecoder>();
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
    this.topics = new Map(this.opts.topics.map((t) => [t.topic, t]));
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
    this.consumer.subscribe([...this.topics.keys()]);
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
      for (const pending of this.decodePartition(sourceId, list)) this.aligner.push(pending);
    }
  }

  /** Hands buffered batches to the engine in event-time order (see EventTimeAligner). */
  private releaseAligned(): void {
    const now = Date.now();
    const progress = {
      owned: () => this.ledger.owned(),
      drained: (sourceId: string) => this.ledger.drained(sourceId, now, this.opts.sourceIdleTimeoutMs),
    };
    for (const pending of this.aligner.release(progress)) {
      if (pending.batch.length > 0) this.hand(pending);
      const { topic, partition } = pending.context as DecodedContext;
      this.ledger.processedUpTo(topic, partition, pending.nextOffset);
    }
  }

  /** Decodes one partition's messages into batches of at most ~ALIGN_CHUNK_MS of event time each. */
  private decodePartition(sourceId: string, messages: Message[]): PendingBatch[] {
    const last = messages[messages.length - 1]!;
    const cursors: RecordCursor[] = [];
    const cursorMessage: number[] = [];
    for (let m = 0; m < messages.length; m++) {
      const message = messages[m]!;
      this.stats.messages++;
      const format = this.formatOf(message);
      if (format === null) {
        this.rejectMessage(message, 'unknown_format', `format ${JSON.stringify(headerValue(message, FORMAT_HEADER))} is not one of json, jsonl, csv, protobuf, arrow`);
        continue;
      }
      try {
        cursors.push(this.cursorOf(message, format));
        cursorMessage.push(m);
      } catch (err) {
        if (!(err instanceof PayloadError)) throw err;
        this.rejectMessage(message, err.reason, err.message);
      }
    }
    const result = this.decoderOf(sourceId).decodeCursors(cursors);
    for (const cursor of cursors) this.stats.records += cursor.count;
    this.stats.duplicates += result.duplicates;
    for (const rejection of result.rejected) {
      const message = messages[cursorMessage[rejection.cursor]!]!;
      this.rejectRecord(message, rejection.reason, rejection.detail, Buffer.from(cursors[rejection.cursor]!.raw(rejection.index)));
    }
    const { batch, acceptedCursor } = result;
    const chunk = (from: number, to: number, nextOffset: number, maxStartMs: number): PendingBatch => ({
      sourceId, batch: from === 0 && to === batch.length ? batch : sliceCdrBatch(batch, from, to), maxStartMs, nextOffset,
      context: { topic: last.topic, partition: last.partition, messages, acceptedCursor: acceptedCursor.subarray(from, to), cursorMessage } satisfies DecodedContext,
    });
    const chunks: PendingBatch[] = [];
    let from = 0;
    let minMs = Number.POSITIVE_INFINITY;
    let maxMs = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < batch.length; i++) {
      // Cut only where a new message starts: an offset then covers whole messages.
      if (i > from && acceptedCursor[i] !== acceptedCursor[i - 1] && maxMs - minMs >= ALIGN_CHUNK_MS) {
        chunks.push(chunk(from, i, messages[cursorMessage[acceptedCursor[i]!]!]!.offset, maxMs));
        from = i;
        minMs = Number.POSITIVE_INFINITY;
        maxMs = Number.NEGATIVE_INFINITY;
      }
      const startMs = batch.startMs[i]!;
      if (startMs < minMs) minMs = startMs;
      if (startMs > maxMs) maxMs = startMs;
    }
    chunks.push(chunk(from, batch.length, last.offset + 1, maxMs));
    return chunks;
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

  /** One message's records; line-level rejects of JSONL/CSV messages are dead-lettered here. */
  private cursorOf(message: Message, format: PayloadFormat): RecordCursor {
    if (format === 'protobuf') {
      if (message.value === null || message.value.length === 0) throw new PayloadError('empty_payload', 'message has no value');
      return new ProtoCursor(message.value);
    }
    const spec = this.topics.get(message.topic);
    const decoded = decodePayload(format, message.value, spec?.csvColumns ? { csvColumns: spec.csvColumns } : {});
    for (const reject of decoded.lineRejects) {
      this.stats.records++;
      this.rejectRecord(message, reject.reason, reject.detail, Buffer.from(reject.raw));
    }
    return this.decoderOf(sourceIdOf(message.topic, message.partition)).objectCursor(decoded.records);
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

  private decoderOf(sourceId: string): KafkaRecordDecoder {
    let decoder = this.decoders.get(sourceId);
    if (decoder === undefined) {
      const horizonMs = this.deps.dedupeHorizonMs;
      const dedupe = horizonMs === undefined ? undefined : new RecordDeduplicator({ horizonMs });
      decoder = new KafkaRecordDecoder(this.opts.homeCountryCode, this.deps.dictionaries, dedupe);
      this.decoders.set(sourceId, decoder);
    }
    return decoder;
  }

  private formatOf(message: Message): PayloadFormat | null {
    const override = headerValue(message, FORMAT_HEADER);
    if (override !== undefined) return isPayloadFormat(override) ? override : null;
    return this.topics.get(message.topic)?.format ?? null;
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

/** What a buffered batch keeps to trace records back to messages (poison handling). */
interface DecodedContext {
  topic: string;
  partition: number;
  messages: Message[];
  acceptedCursor: Int32Array;
  cursorMessage: number[];
}

function headerValue(message: Message, name: string): string | undefined {
  if (message.headers === undefined) return undefined;
  for (const header of message.headers) {
    const value = header[name];
    if (value !== undefined) return value.toString();
  }
  return undefined;
}
