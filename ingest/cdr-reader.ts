/**
 * Contract 1 readers: files/stdin (CSV, JSON Lines, gzip) to CdrBatches, and plain
 * CdrRecord objects (tests, simulator, Kafka JSON) to one CdrBatch.
 */
import { allocCdrBatch, CDR_FIELDS, type CdrBatch, type CdrRecord } from '../core/cdr.js';
import type { Dictionaries } from '../core/dictionary.js';
import type { InputFormat } from './byte-source.js';
import { CdrRowDecoder, DecodeOutcome } from './cdr-decoder.js';
import type { DeadLetterWriter } from './dead-letter.js';
import type { RecordDeduplicator } from './dedupe.js';
import { FeedSink, makeScanner, scanInput, sourceNameOf } from './feed-reader.js';
import { JsonlScanner } from './jsonl-scanner.js';
import type { RowView } from './row.js';
import type { IngestStats } from './stats.js';

/** 8192 rows ≈ 0.5 MB of columns: large enough to amortise per-batch work, small enough for L2-ish locality. */
export const DEFAULT_BATCH_SIZE = 8192;
/** Columns a CSV header must name; the rest are optional or needed only by some event kinds. */
export const CDR_REQUIRED_HEADER = ['record_id', 'operator', 'event', 'direction', 'start_time', 'imsi'] as const;

export interface CdrReadOptions {
  homeCountryCode: string;
  dictionaries: Dictionaries;
  stats: IngestStats;
  deadLetters?: DeadLetterWriter;
  dedupe?: RecordDeduplicator;
  batchSize?: number;
  format?: InputFormat;
  sourceName?: string;
}

/** Collects accepted rows into batches; a full batch is handed over and never touched again. */
class CdrBatchSink extends FeedSink {
  private readonly decoder: CdrRowDecoder;
  private readonly batchSize: number;
  batch: CdrBatch;
  readonly full: CdrBatch[] = [];

  constructor(opts: CdrReadOptions, source: string) {
    super(opts.stats, opts.deadLetters, source);
    this.decoder = new CdrRowDecoder(opts.homeCountryCode, opts.dictionaries, opts.dedupe);
    this.batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError(`batchSize must be an integer >= 1 (got ${this.batchSize})`);
    this.batch = allocCdrBatch(this.batchSize);
  }

  onRow(row: RowView, line: number): void {
    this.stats.read++;
    const outcome = this.decoder.decode(row, this.batch, this.batch.length);
    if (outcome === DecodeOutcome.accepted) {
      this.stats.accepted++;
      if (++this.batch.length === this.batchSize) {
        this.full.push(this.batch);
        this.batch = allocCdrBatch(this.batchSize);
      }
    } else if (outcome === DecodeOutcome.duplicate) {
      this.stats.duplicates++;
    } else {
      this.stats.reject(this.decoder.reason);
      this.deadLetters?.write({ source: this.source, line, reason: this.decoder.reason, detail: this.decoder.detail, raw: row.raw() });
    }
  }

  /** The partly filled batch, if it holds anything; a fresh one takes its place. */
  takePartial(): CdrBatch | null {
    if (this.batch.length === 0) return null;
    const partial = this.batch;
    this.batch = allocCdrBatch(this.batchSize);
    return partial;
  }
}

/**
 * Reads CDRs from `path` ('-' = stdin) as batches of at most `batchSize` rows, in file
 * order. Rejected rows are counted and dead-lettered; duplicates are counted and dropped.
 * Throws TelsentryError INPUT_UNREADABLE when the input cannot be opened or has no valid header.
 */
export async function* readCdrs(path: string, opts: CdrReadOptions): AsyncGenerator<CdrBatch> {
  const sink = new CdrBatchSink(opts, sourceNameOf(path, opts));
  const steps = scanInput(path, opts.format, (format) => makeScanner(format, CDR_FIELDS, CDR_REQUIRED_HEADER, sink, path));
  for await (const _ of steps) {
    while (sink.full.length > 0) yield sink.full.shift()!;
  }
  const partial = sink.takePartial();
  if (partial !== null) yield partial;
}

/**
 * Validates and decodes plain records exactly like file rows (same reasons, same dedupe).
 * Rejected records go to stats/dead letters with their index + 1 as line number.
 */
export function decodeCdrRecords(records: readonly CdrRecord[], opts: CdrReadOptions): CdrBatch {
  // One slot more than records: the batch never fills, so no spare batch is allocated.
  const sink = new CdrBatchSink({ ...opts, batchSize: records.length + 1 }, opts.sourceName ?? 'records');
  const loader = new JsonlScanner(CDR_FIELDS, sink);
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    sink.onRow(loader.loadObject(record as unknown as Record<string, unknown>, null), i + 1);
  }
  return sink.batch;
}
