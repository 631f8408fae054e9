/**
 * One partition's messages → batches for the aligner: each message's format (topic config or
 * `telsentry-format` header), its payload read into records (ProtoCursor for protobuf, plain
 * objects otherwise), all validated together by the partition's KafkaRecordDecoder (with its
 * own dedupe memory), then cut into batches of at most ~ALIGN_CHUNK_MS of event time.
 * Whatever cannot be read is handed to `rejects` (the dead-letter path) and never stops the rest.
 */
import type { Dictionaries } from '../../core/dictionary.js';
import { RecordDeduplicator } from '../dedupe.js';
import type { RejectReason } from '../reasons.js';
import type { CdrConsumerStats } from './consumer-stats.js';
import type { PendingBatch } from './event-time-aligner.js';
import { FORMAT_HEADER, isPayloadFormat, type MessageRejectReason, type PayloadFormat } from './formats.js';
import type { CdrConsumerOptions, KafkaTopicSpec } from './options.js';
import { decodePayload, PayloadError } from './payload-decode.js';
import { sourceIdOf, type Message } from './rdkafka.js';
import { ArrowCursor, ProtoCursor, type RecordCursor } from './record-cursor.js';
import { KafkaRecordDecoder } from './record-decoder.js';
import { sliceCdrBatch } from './slice-batch.js';

/**
 * Batches handed to the engine span at most about this much event time (cut at message
 * boundaries, so offsets stay exact): the aligner orders partitions batch by batch, and the
 * engine's watermark may only jump by far less than the allowed disorder (10 min).
 */
const ALIGN_CHUNK_MS = 60_000;

export interface RejectTarget {
  rejectMessage(message: Message, reason: MessageRejectReason, detail: string): void;
  rejectRecord(message: Message, reason: RejectReason, detail: string, value: Buffer): void;
}

/** What a buffered batch keeps to trace records back to messages (poison handling). */
export interface DecodedContext {
  topic: string;
  partition: number;
  messages: Message[];
  acceptedCursor: Int32Array;
  cursorMessage: number[];
}

export function headerValue(message: Message, name: string): string | undefined {
  if (message.headers === undefined) return undefined;
  for (const header of message.headers) {
    const value = header[name];
    if (value !== undefined) return value.toString();
  }
  return undefined;
}

export class MessageDecoder {
  private readonly topics: Map<string, KafkaTopicSpec>;
  private readonly decoders = new Map<string, KafkaRecordDecoder>();

  constructor(
    private readonly opts: Pick<CdrConsumerOptions, 'topics' | 'homeCountryCode'>,
    private readonly deps: { dictionaries: Dictionaries; dedupeHorizonMs?: number; dedupeMemory?: Map<string, RecordDeduplicator> },
    private readonly stats: CdrConsumerStats,
    private readonly rejects: RejectTarget,
  ) {
    this.topics = new Map(opts.topics.map((t) => [t.topic, t]));
  }

  /** Decodes one partition's messages into batches of at most ~ALIGN_CHUNK_MS of event time each. */
  decodePartition(sourceId: string, messages: Message[]): PendingBatch[] {
    const last = messages[messages.length - 1]!;
    const cursors: RecordCursor[] = [];
    const cursorMessage: number[] = [];
    for (let m = 0; m < messages.length; m++) {
      const message = messages[m]!;
      this.stats.messages++;
      const format = this.formatOf(message);
      if (format === null) {
        this.rejects.rejectMessage(message, 'unknown_format', `format ${JSON.stringify(headerValue(message, FORMAT_HEADER))} is not one of json, jsonl, csv, protobuf, arrow`);
        continue;
      }
      try {
        cursors.push(this.cursorOf(message, format));
        cursorMessage.push(m);
      } catch (err) {
        if (!(err instanceof PayloadError)) throw err;
        this.rejects.rejectMessage(message, err.reason, err.message);
      }
    }
    const result = this.decoderOf(sourceId).decodeCursors(cursors);
    for (const cursor of cursors) this.stats.records += cursor.count;
    this.stats.duplicates += result.duplicates;
    for (const rejection of result.rejected) {
      const message = messages[cursorMessage[rejection.cursor]!]!;
      this.rejects.rejectRecord(message, rejection.reason, rejection.detail, Buffer.from(cursors[rejection.cursor]!.raw(rejection.index)));
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

  /** One message's records; line-level rejects of JSONL/CSV messages are dead-lettered here. */
  private cursorOf(message: Message, format: PayloadFormat): RecordCursor {
    if (format === 'protobuf') {
      if (message.value === null || message.value.length === 0) throw new PayloadError('empty_payload', 'message has no value');
      return new ProtoCursor(message.value);
    }
    if (format === 'arrow') {
      if (message.value === null || message.value.length === 0) throw new PayloadError('empty_payload', 'message has no value');
      return new ArrowCursor(message.value);
    }
    const spec = this.topics.get(message.topic);
    const decoded = decodePayload(format, message.value, spec?.csvColumns ? { csvColumns: spec.csvColumns } : {});
    for (const reject of decoded.lineRejects) {
      this.stats.records++;
      this.rejects.rejectRecord(message, reject.reason, reject.detail, Buffer.from(reject.raw));
    }
    return this.decoderOf(sourceIdOf(message.topic, message.partition)).objectCursor(decoded.records);
  }

  private decoderOf(sourceId: string): KafkaRecordDecoder {
    let decoder = this.decoders.get(sourceId);
    if (decoder === undefined) {
      const horizonMs = this.deps.dedupeHorizonMs;
      let dedupe = this.deps.dedupeMemory?.get(sourceId);
      if (dedupe === undefined && horizonMs !== undefined) {
        dedupe = new RecordDeduplicator({ horizonMs });
        this.deps.dedupeMemory?.set(sourceId, dedupe);
      }
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
}
