/**
 * One decoded row as offsets into a byte buffer: the CSV scanner points it at the input
 * chunk (no copy), the JSONL scanner at a scratch buffer it fills from the parsed object.
 * Decoders read fields by schema index through `col`, so header order does not matter.
 */
import { DEAD_LETTER_RAW_MAX_CHARS } from './dead-letter.js';
import type { RejectReason } from './reasons.js';

/** Rows longer than this are rejected as row_too_large; also bounds what is buffered per row. */
export const MAX_ROW_BYTES = 64 * 1024;
/** Columns beyond this are counted but not stored (a header this wide is not Contract 1). */
export const MAX_COLUMNS = 256;

const EMPTY = Buffer.alloc(0);

export class RowView {
  buf: Buffer = EMPTY;
  readonly start = new Int32Array(MAX_COLUMNS);
  readonly end = new Int32Array(MAX_COLUMNS);
  /** 1 when the quoted field contains "" escapes (only string-valued fields need unescaping). */
  readonly escaped = new Uint8Array(MAX_COLUMNS);
  fieldCount = 0;
  rowStart = 0;
  rowEnd = 0;
  /** Raw text when the row did not come from `buf` (JSONL, records). */
  rawText: string | null = null;
  /** Source object when the row came from a record; stringified only if the row is rejected. */
  rawObject: unknown = undefined;
  /** Schema field index → column index in this row, -1 when the column is absent. */
  col: Int16Array;
  /** Trimmed bounds of the last field looked up with span(). */
  s = 0;
  e = 0;

  constructor(schemaSize: number) {
    this.col = new Int16Array(schemaSize).fill(-1);
  }

  /** Sets s/e to the trimmed bounds of schema field k; returns its length (0 = absent or empty). */
  span(k: number): number {
    const c = this.col[k]!;
    if (c < 0 || c >= this.fieldCount) {
      this.s = this.e = 0;
      return 0;
    }
    let s = this.start[c]!;
    let e = this.end[c]!;
    const buf = this.buf;
    while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
    while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
    this.s = s;
    this.e = e;
    return e - s;
  }

  /** Text of schema field k (trimmed, "" unescaped), '' when absent. */
  text(k: number): string {
    if (this.span(k) === 0) return '';
    const value = this.buf.toString('utf8', this.s, this.e);
    return this.escaped[this.col[k]!] === 1 ? value.replaceAll('""', '"') : value;
  }

  /** Bounded raw text of the row for dead letters. */
  raw(): string {
    if (this.rawText !== null) return this.rawText;
    if (this.rawObject !== undefined) return JSON.stringify(this.rawObject);
    const end = Math.min(this.rowEnd, this.rowStart + DEAD_LETTER_RAW_MAX_CHARS * 4);
    return this.buf.toString('utf8', this.rowStart, end);
  }
}

/** Receives rows from a scanner; implemented by each feed's decoder. */
export interface RowSink {
  onRow(row: RowView, line: number): void;
  onReject(reason: RejectReason, line: number, detail: string, raw: string): void;
}

/** A scanner turns byte chunks of one format into rows for a sink. */
export interface RowScanner {
  feed(chunk: Buffer): void;
  /** End of input; `cutShort` describes why the input ended early (e.g. a gzip stream cut off). */
  finish(cutShort?: string): void;
}
