/**
 * JSON Lines over byte chunks: one object per line, field names per the feed's schema,
 * other keys ignored. Each object is written field by field into a scratch buffer so the
 * same byte-level decoder validates CSV and JSON input alike.
 */
import { MAX_ROW_BYTES, RowView, type RowScanner, type RowSink } from './row.js';

const LF = 10;
const CR = 13;

export class JsonlScanner implements RowScanner {
  readonly row: RowView;
  private carry: Buffer | null = null;
  private skippingOversize = false;
  private line = 1;
  private scratch = Buffer.alloc(4096);

  constructor(private readonly schema: readonly string[], private readonly sink: RowSink) {
    this.row = new RowView(schema.length);
    for (let k = 0; k < schema.length; k++) this.row.col[k] = k;
    this.row.fieldCount = schema.length;
  }

  feed(chunk: Buffer): void {
    let buf = chunk;
    if (this.skippingOversize) {
      const nl = buf.indexOf(LF);
      if (nl < 0) return;
      this.skippingOversize = false;
      this.line++;
      buf = buf.subarray(nl + 1);
    }
    if (this.carry !== null) {
      buf = Buffer.concat([this.carry, buf]);
      this.carry = null;
    }
    let pos = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf(LF, pos);
      if (nl < 0) {
        if (buf.length - pos > MAX_ROW_BYTES) {
          this.sink.onReject('row_too_large', this.line, `row longer than ${MAX_ROW_BYTES} bytes`, buf.toString('utf8', pos, pos + 8192));
          this.skippingOversize = true;
        } else {
          this.carry = buf.subarray(pos);
        }
        return;
      }
      this.line++;
      if (nl - pos > MAX_ROW_BYTES) {
        this.sink.onReject('row_too_large', this.line - 1, `row longer than ${MAX_ROW_BYTES} bytes`, buf.toString('utf8', pos, pos + 8192));
      } else {
        this.decodeLine(buf, pos, nl, this.line - 1, false);
      }
      pos = nl + 1;
    }
  }

  finish(cutShort?: string): void {
    const rest = this.carry;
    this.carry = null;
    if (rest !== null && rest.length > 0) {
      if (cutShort !== undefined) {
        this.sink.onReject('truncated_row', this.line, `last row is incomplete: ${cutShort}`, rest.toString('utf8', 0, 8192));
      } else {
        this.decodeLine(rest, 0, rest.length, this.line, true);
      }
    } else if (cutShort !== undefined) {
      this.sink.onReject('truncated_row', this.line, `input ended early at a row boundary: ${cutShort}`, '');
    }
  }

  private decodeLine(buf: Buffer, start: number, end: number, line: number, last: boolean): void {
    if (end > start && buf[end - 1] === CR) end--;
    let s = start;
    while (s < end && (buf[s] === 32 || buf[s] === 9)) s++;
    if (s === end) return; // blank line
    if (s === start && start === 0 && line === 1 && end - s >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) s += 3;
    const text = buf.toString('utf8', s, end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      // A last line that does not parse and has no newline is a file cut mid-row.
      const reason = last ? 'truncated_row' : 'malformed_row';
      this.sink.onReject(reason, line, `not valid JSON: ${(err as Error).message}`, text);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.sink.onReject('malformed_row', line, 'a JSON line must hold one object', text);
      return;
    }
    this.loadObject(value as Record<string, unknown>, text);
    this.sink.onRow(this.row, line);
  }

  /** Writes the schema fields of `record` into the scratch buffer and points the row at it. */
  loadObject(record: Record<string, unknown>, rawText: string | null): RowView {
    const row = this.row;
    let w = 0;
    for (let k = 0; k < this.schema.length; k++) {
      const value = record[this.schema[k]!];
      row.start[k] = w;
      row.escaped[k] = 0;
      if (value !== null && value !== undefined) {
        const text = fieldText(value);
        this.scratch = withRoom(this.scratch, w, w + Buffer.byteLength(text));
        w += this.scratch.write(text, w);
      }
      row.end[k] = w;
    }
    row.buf = this.scratch;
    row.rawText = rawText;
    row.rawObject = rawText === null ? record : undefined;
    return row;
  }
}

/** A record field's value as the text a row holds: strings as they are, objects as JSON, the rest by String(). */
export function fieldText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** `buf`, or a larger copy of its first `used` bytes, holding at least `need` bytes. */
export function withRoom<B extends Buffer>(buf: B, used: number, need: number): B {
  if (need <= buf.length) return buf;
  const grown = Buffer.alloc(Math.max(need, buf.length * 2));
  buf.copy(grown, 0, 0, used);
  return grown as B;
}
