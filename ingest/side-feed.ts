/**
 * Shared machinery for the reference side feeds (subscribers, cells, test_calls): small
 * files read whole into arrays of typed objects, with the same formats, validation
 * style, stats and dead letters as CDRs.
 */
import type { InputFormat } from './byte-source.js';
import type { DeadLetterTarget } from './dead-letter.js';
import { FeedSink, makeScanner, scanInput, sourceNameOf } from './feed-reader.js';
import { parseEventTimeMs, parseNumber } from './field-parse.js';
import { normaliseMsisdnBytes } from './msisdn.js';
import type { RejectReason } from './reasons.js';
import type { RowView } from './row.js';
import type { IngestStats } from './stats.js';

export interface SideFeedReadOptions {
  homeCountryCode: string;
  stats: IngestStats;
  deadLetters?: DeadLetterTarget;
  format?: InputFormat;
  sourceName?: string;
}

/** Thrown inside a row decoder to reject the row; caught by the sink. */
export class RowRejection {
  constructor(readonly reason: RejectReason, readonly detail: string) {}
}

/** Field access with the checks side feeds need; each failure throws a RowRejection naming field and value. */
export class FieldReader {
  row!: RowView;
  private readonly numbers = Buffer.alloc(64);
  private readonly homeCc: Uint8Array;

  constructor(private readonly schema: readonly string[], homeCountryCode: string) {
    this.homeCc = Buffer.from(homeCountryCode, 'latin1');
  }

  private reject(reason: RejectReason, k: number, why: string): never {
    const value = this.row.text(k);
    throw new RowRejection(reason, `${this.schema[k]} ${JSON.stringify(value.length > 80 ? value.slice(0, 80) + '…' : value)}: ${why}`);
  }

  /** Text of field k; '' when absent, or a missing:<field> rejection when `required`. */
  text(k: number, required: boolean): string {
    if (this.row.span(k) === 0) {
      if (required) throw new RowRejection(`missing:${this.schema[k]}` as RejectReason, `${this.schema[k]} is empty or absent: required`);
      return '';
    }
    return this.row.text(k);
  }

  /** Checks a required field with a byte predicate; returns its text. */
  checked(k: number, ok: (buf: Buffer, s: number, e: number) => boolean, why: string): string {
    const value = this.text(k, true);
    if (!ok(this.row.buf, this.row.s, this.row.e)) this.reject(`invalid:${this.schema[k]}` as RejectReason, k, why);
    return value;
  }

  msisdn(k: number): string {
    this.text(k, true);
    const len = normaliseMsisdnBytes(this.row.buf, this.row.s, this.row.e, this.homeCc, this.numbers, 0);
    if (len < 0) this.reject(`invalid:${this.schema[k]}` as RejectReason, k, 'not a phone number (7-15 digits after normalisation)');
    return this.numbers.toString('latin1', 0, len);
  }

  timeMs(k: number): number {
    this.text(k, true);
    const ms = parseEventTimeMs(this.row.buf, this.row.s, this.row.e);
    if (ms !== ms) this.reject(`invalid:${this.schema[k]}` as RejectReason, k, 'expected ISO-8601 with Z or offset, or epoch ms, in years 2000-2099');
    return ms;
  }

  oneOf<T extends string>(k: number, allowed: readonly T[]): T {
    const value = this.text(k, true);
    if (!(allowed as readonly string[]).includes(value)) this.reject(`unknown:${this.schema[k]}` as RejectReason, k, `expected ${allowed.join(' or ')}`);
    return value as T;
  }

  numberIn(k: number, min: number, max: number): number {
    this.text(k, true);
    const value = parseNumber(this.row.buf, this.row.s, this.row.e);
    if (!(value >= min && value <= max)) this.reject(`invalid:${this.schema[k]}` as RejectReason, k, `expected a number in [${min}, ${max}]`);
    return value;
  }
}

class SideFeedSink<T> extends FeedSink {
  readonly items: T[] = [];

  constructor(
    opts: SideFeedReadOptions, source: string,
    private readonly fields: FieldReader,
    private readonly decodeRow: (fields: FieldReader) => T,
  ) {
    super(opts.stats, opts.deadLetters, source);
  }

  onRow(row: RowView, line: number): void {
    this.stats.read++;
    this.fields.row = row;
    try {
      this.items.push(this.decodeRow(this.fields));
      this.stats.accepted++;
    } catch (err) {
      if (!(err instanceof RowRejection)) throw err;
      this.stats.reject(err.reason);
      this.deadLetters?.write({ source: this.source, line, reason: err.reason, detail: err.detail, raw: row.raw() });
    }
  }
}

export interface SideFeedSpec<T> {
  schema: readonly string[];
  requiredHeader: readonly string[];
  decodeRow: (fields: FieldReader) => T;
}

/**
 * Decodes one in-memory payload (a Kafka message: CSV with its header row, or JSON Lines)
 * with the same validation, stats and dead letters as a file. `source` names it in dead letters.
 */
export function decodeSideFeedBuffer<T>(payload: Buffer, format: InputFormat, source: string, opts: SideFeedReadOptions, spec: SideFeedSpec<T>): T[] {
  const fields = new FieldReader(spec.schema, opts.homeCountryCode);
  const sink = new SideFeedSink(opts, source, fields, spec.decodeRow);
  const scanner = makeScanner(format, spec.schema, spec.requiredHeader, sink, source);
  scanner.feed(payload);
  scanner.finish();
  return sink.items;
}

export async function readSideFeed<T>(path: string, opts: SideFeedReadOptions, spec: SideFeedSpec<T>): Promise<T[]> {
  const fields = new FieldReader(spec.schema, opts.homeCountryCode);
  const sink = new SideFeedSink(opts, sourceNameOf(path, opts), fields, spec.decodeRow);
  for await (const _ of scanInput(path, opts.format, (format) => makeScanner(format, spec.schema, spec.requiredHeader, sink, path))) {
    // rows accumulate in sink.items
  }
  return sink.items;
}
