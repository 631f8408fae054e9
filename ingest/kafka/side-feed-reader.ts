/**
 * Side feeds on Kafka (subscribers, cells, test calls): reference data every engine instance
 * needs whole, whichever CDR partitions it owns, so they are read like a Kafka Streams global
 * table: every partition assigned to every instance (no consumer-group sharing, nothing
 * committed), read to its end before the CDR topics start (bootstrap), then followed.
 *
 * Each message is a CSV document with its header row or JSON Lines (one object per line),
 * with Contract 1's field names, validated by the same decoders as the files. Rejected rows
 * and undecodable messages go to the dead-letter topic with the reason in a header; the
 * partition moves on. The next offset of every partition is engine checkpoint state
 * (`positions`), so after a restore the feeds resume exactly where the restored state ends.
 */
import { TelsentryError } from '../../core/errors.js';
import type { InputFormat } from '../byte-source.js';
import { CELL_FEED, type CellInfo } from '../cells.js';
import type { DeadLetter } from '../dead-letter.js';
import { decodeSideFeedBuffer, type SideFeedSpec } from '../side-feed.js';
import { IngestStats } from '../stats.js';
import { SUBSCRIBER_FEED, type SubscriberInfo } from '../subscribers.js';
import { TEST_CALL_FEED, type TestCall } from '../test-calls.js';
import { partitionCount } from './admin.js';
import type { DeadLetterSink } from './dead-letter-producer.js';
import type { MessageRejectReason } from './formats.js';
import {
  connectClient, disconnectClient, KafkaConsumer, sourceIdOf,
  type KafkaConsumerClient, type LibrdKafkaError, type Message,
} from './rdkafka.js';

export const SIDE_FEED_KINDS = ['subscribers', 'cells', 'test_calls'] as const;
export type SideFeedKind = (typeof SIDE_FEED_KINDS)[number];
export const SIDE_FEED_FORMATS: readonly InputFormat[] = ['csv', 'jsonl'];

export interface SideFeedTopic {
  kind: SideFeedKind;
  topic: string;
  format: InputFormat;
}

/** Where decoded rows go (the engine's reference data, its test-call queue, the store). */
export interface SideFeedSinks {
  subscribers(rows: SubscriberInfo[]): void;
  cells(rows: CellInfo[]): void;
  testCalls(rows: TestCall[]): void;
}

/** Checkpointed with the engine: next offset to read, by `topic/partition`. */
export interface SideFeedPositions {
  next: Map<string, number>;
}

export interface SideFeedReaderOptions {
  brokers: string;
  clientId: string;
  topics: readonly SideFeedTopic[];
  homeCountryCode: string;
  /** Messages per consume call (side feeds are small; default 500). */
  maxMessagesPerPoll?: number;
}

const SPECS: { [K in SideFeedKind]: SideFeedSpec<SubscriberInfo | CellInfo | TestCall> } = {
  subscribers: SUBSCRIBER_FEED, cells: CELL_FEED, test_calls: TEST_CALL_FEED,
};
const OFFSET_BEGINNING = -2; // librdkafka's logical offset
const CONNECT_TIMEOUT_MS = 30_000;
const DISCONNECT_TIMEOUT_MS = 15_000;
const QUERY_TIMEOUT_MS = 10_000;
const POLL_TIMEOUT_MS = 100; // a quiet feed must not hold the follow loop (or shutdown) long

export class SideFeedReader {
  /** Rows read, accepted and rejected (by reason) over all side-feed topics. */
  readonly stats = new IngestStats();
  readonly applied: Record<SideFeedKind, number> = { subscribers: 0, cells: 0, test_calls: 0 };
  /** Whole messages dead-lettered (empty, unreadable, or the engine threw applying them). */
  messagesRejected = 0;
  private readonly consumer: KafkaConsumerClient;
  private readonly byTopic = new Map<string, SideFeedTopic>();
  private readonly pendingLetters: Promise<void>[] = [];
  private readonly maxMessagesPerPoll: number;
  private sourceIds: string[] = [];
  private loop: Promise<void> | null = null;
  private stopping = false;
  private lastError: Error | null = null;

  constructor(
    private readonly opts: SideFeedReaderOptions,
    private readonly sinks: SideFeedSinks,
    private readonly positions: SideFeedPositions,
    private readonly deadLetters: DeadLetterSink,
  ) {
    for (const feed of opts.topics) {
      if (this.byTopic.has(feed.topic)) throw new Error(`side-feed topic ${feed.topic} is configured twice`);
      this.byTopic.set(feed.topic, feed);
    }
    this.maxMessagesPerPoll = opts.maxMessagesPerPoll ?? 500;
    this.consumer = new KafkaConsumer({
      'metadata.broker.list': opts.brokers,
      // librdkafka wants a group id; partitions are assigned by hand and nothing is ever committed.
      'group.id': `${opts.clientId}.side-feeds`,
      'client.id': `${opts.clientId}-side-feeds`,
      'enable.auto.commit': false,
      'enable.auto.offset.store': false,
    }, { 'auto.offset.reset': 'earliest' });
    this.consumer.on('event.error', (err: LibrdKafkaError) => {
      this.lastError = new Error(`kafka side-feed consumer: ${err.message}`);
    });
  }

  /** Connects and assigns every partition of every side-feed topic at its checkpointed position. */
  async connect(): Promise<void> {
    const assignments: { topic: string; partition: number; offset: number }[] = [];
    for (const feed of this.opts.topics) {
      const partitions = await partitionCount(this.opts.brokers, feed.topic);
      for (let partition = 0; partition < partitions; partition++) {
        assignments.push({ topic: feed.topic, partition, offset: this.positions.next.get(sourceIdOf(feed.topic, partition)) ?? OFFSET_BEGINNING });
      }
    }
    this.sourceIds = assignments.map((a) => sourceIdOf(a.topic, a.partition));
    await connectClient(this.consumer, CONNECT_TIMEOUT_MS);
    this.consumer.setDefaultConsumeTimeout(POLL_TIMEOUT_MS);
    this.consumer.assign(assignments);
  }

  /** Reads every partition up to the end it had when this was called (the bootstrap before CDRs flow). */
  async catchUp(timeoutMs: number): Promise<void> {
    const ends = new Map<string, number>();
    for (const id of this.sourceIds) ends.set(id, await this.highOffset(id));
    const deadline = Date.now() + timeoutMs;
    const behind = (): string[] => this.sourceIds.filter((id) => (this.positions.next.get(id) ?? 0) < ends.get(id)!);
    while (behind().length > 0) {
      if (Date.now() > deadline) throw new Error(`side feeds not read to their end within ${timeoutMs} ms: ${behind().join(', ')} behind`);
      await this.pollOnce();
    }
  }

  /** Follows the feeds until stop(). */
  follow(): Promise<void> {
    this.loop ??= (async () => {
      while (!this.stopping) await this.pollOnce();
    })();
    return this.loop;
  }

  /** One consume call and the messages it returned; returns how many. */
  async pollOnce(): Promise<number> {
    if (this.lastError !== null) throw this.lastError;
    const messages = await new Promise<Message[]>((resolve, reject) => {
      this.consumer.consume(this.maxMessagesPerPoll, (err: LibrdKafkaError | null, batch: Message[]) => {
        if (err && err.isFatal) reject(new Error(`kafka side-feed consume (fatal): ${err.message}`));
        else resolve(err ? [] : batch);
      });
    });
    for (const message of messages) this.handle(message);
    return messages.length;
  }

  /** Waits until every dead letter sent so far is acknowledged (before a checkpoint covers its offset). */
  async flushDeadLetters(): Promise<void> {
    const pending = this.pendingLetters.splice(0);
    await Promise.all(pending);
    if (pending.length > 0) await this.deadLetters.flush();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
    await this.flushDeadLetters();
    await disconnectClient(this.consumer, DISCONNECT_TIMEOUT_MS);
  }

  private handle(message: Message): void {
    const id = sourceIdOf(message.topic, message.partition);
    const feed = this.byTopic.get(message.topic);
    const value = message.value;
    if (feed === undefined) {
      this.messagesRejected++;
      this.deadLetter(message, 'unknown_format', `topic ${message.topic} is not a configured side feed`, value ?? Buffer.alloc(0));
    } else if (value === null || value.length === 0) {
      this.messagesRejected++;
      this.deadLetter(message, 'empty_payload', `empty ${feed.kind} message`, Buffer.alloc(0));
    } else {
      const target = { write: (entry: DeadLetter): void => this.deadLetter(message, entry.reason, `${entry.detail} (line ${entry.line})`, Buffer.from(entry.raw)) };
      let rows: (SubscriberInfo | CellInfo | TestCall)[] | undefined;
      try {
        rows = decodeSideFeedBuffer(value, feed.format, `${id}@${message.offset}`, { homeCountryCode: this.opts.homeCountryCode, stats: this.stats, deadLetters: target }, SPECS[feed.kind]);
      } catch (err) {
        // The message as a whole cannot be read (e.g. a CSV header without the required columns).
        if (!(err instanceof TelsentryError)) throw err;
        this.messagesRejected++;
        this.deadLetter(message, 'malformed_payload', err.message, value);
      }
      try {
        if (rows !== undefined) this.apply(feed.kind, rows);
      } catch (err) {
        this.messagesRejected++;
        this.deadLetter(message, 'processing_failed', `applying ${feed.kind} rows failed: ${(err as Error).message}`, value);
      }
    }
    this.positions.next.set(id, message.offset + 1);
  }

  private apply(kind: SideFeedKind, rows: (SubscriberInfo | CellInfo | TestCall)[]): void {
    if (rows.length === 0) return;
    if (kind === 'subscribers') this.sinks.subscribers(rows as SubscriberInfo[]);
    else if (kind === 'cells') this.sinks.cells(rows as CellInfo[]);
    else this.sinks.testCalls(rows as TestCall[]);
    this.applied[kind] += rows.length;
  }

  private deadLetter(message: Message, reason: MessageRejectReason | DeadLetter['reason'], detail: string, value: Buffer): void {
    const sending = this.deadLetters.send({ sourceTopic: message.topic, partition: message.partition, offset: message.offset, key: message.key, value, reason, detail });
    this.pendingLetters.push(sending.catch((err: Error) => {
      this.lastError = new Error(`dead letter for ${message.topic}/${message.partition}@${message.offset} not delivered: ${err.message}`);
    }));
  }

  private highOffset(sourceId: string): Promise<number> {
    const slash = sourceId.lastIndexOf('/');
    return new Promise((resolve, reject) => {
      this.consumer.queryWatermarkOffsets(sourceId.slice(0, slash), Number(sourceId.slice(slash + 1)), QUERY_TIMEOUT_MS, (err: LibrdKafkaError | null, offsets: { highOffset: number }) => {
        if (err) reject(new Error(`side feed ${sourceId}: cannot read its end offset: ${err.message}`));
        else resolve(offsets.highOffset);
      });
    });
  }
}
