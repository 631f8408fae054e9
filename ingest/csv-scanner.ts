/**
 * RFC-4180 CSV over byte chunks: header row (names in any order, delimiter detected from
 * it), quoted fields with "" escapes and embedded delimiters/newlines, CRLF, BOM. Fields
 * are recorded as offsets into the chunk; nothing is split, copied or allocated per row
 * except the carry of one partial row between chunks (bounded by MAX_ROW_BYTES).
 */
import { ErrorCodes, TelsentryError } from '../core/errors.js';
import { MAX_COLUMNS, MAX_ROW_BYTES, RowView, type RowScanner, type RowSink } from './row.js';

const LF = 10;
const CR = 13;
const QUOTE = 34;
/** Candidate delimiters, in order of preference on a tie. */
const DELIMITERS = [44 /* , */, 59 /* ; */, 124 /* | */, 9 /* tab */];
const NEWLINE = Buffer.from('\n');

export class CsvScanner implements RowScanner {
  readonly row: RowView;
  private delimiter = -1;
  private headerFields = 0;
  private carry: Buffer | null = null;
  private skippingOversize = false;
  /** Physical line number of the next row's first line. */
  private line = 1;
  private extraLines = 0;
  private malformedColumn = -1;

  constructor(
    private readonly schema: readonly string[],
    private readonly requiredHeader: readonly string[],
    private readonly sink: RowSink,
    private readonly path: string,
  ) {
    this.row = new RowView(schema.length);
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
    this.scan(buf, false);
  }

  finish(cutShort?: string): void {
    const rest = this.carry;
    this.carry = null;
    if (this.delimiter < 0) {
      if (rest !== null && rest.length > 0 && cutShort === undefined) {
        this.scan(Buffer.concat([rest, NEWLINE]), true); // header without a final newline
      }
      if (this.delimiter < 0) throw this.unreadable(cutShort ?? 'no header row');
      return;
    }
    if (rest !== null && rest.length > 0 && cutShort !== undefined) {
      // The input died inside this row: whatever it holds is not the whole record.
      const row = this.row;
      row.buf = rest;
      row.rawText = null;
      row.rowStart = 0;
      row.rowEnd = rest.length;
      this.sink.onReject('truncated_row', this.line, `last row is incomplete: ${cutShort}`, row.raw());
    } else if (rest !== null && rest.length > 0) {
      this.scan(Buffer.concat([rest, NEWLINE]), true);
    } else if (cutShort !== undefined) {
      this.sink.onReject('truncated_row', this.line, `input ended early at a row boundary: ${cutShort}`, '');
    }
  }

  private unreadable(why: string): TelsentryError {
    return new TelsentryError(ErrorCodes.INPUT_UNREADABLE, `${this.path}: ${why}`);
  }

  /** `final`: buf holds the last bytes of the input plus an added newline. */
  private scan(buf: Buffer, final: boolean): void {
    let pos = 0;
    const n = buf.length;
    if (this.delimiter < 0) {
      const nl = buf.indexOf(LF);
      if (nl < 0) {
        if (n > MAX_ROW_BYTES) throw this.unreadable(`header row longer than ${MAX_ROW_BYTES} bytes`);
        this.carry = buf;
        return;
      }
      const bom = n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
      this.readHeader(buf, bom, nl);
      pos = nl + 1;
    }
    const row = this.row;
    row.buf = buf;
    row.rawText = null;
    while (pos < n) {
      const next = this.scanRow(buf, pos, n);
      if (next < 0) {
        if (final) {
          row.rowStart = pos;
          row.rowEnd = n - 1;
          this.sink.onReject('truncated_row', this.line, 'last row is incomplete: the input ends inside a quoted field', row.raw());
        } else if (n - pos > MAX_ROW_BYTES) {
          row.rowStart = pos;
          row.rowEnd = n;
          this.sink.onReject('row_too_large', this.line, `row longer than ${MAX_ROW_BYTES} bytes`, row.raw());
          const nl = buf.indexOf(LF, pos + MAX_ROW_BYTES);
          if (nl < 0) this.skippingOversize = true;
          else {
            this.line++;
            this.carry = nl + 1 < n ? buf.subarray(nl + 1) : null;
          }
        } else {
          this.carry = buf.subarray(pos);
        }
        return;
      }
      const line = this.line;
      this.line += 1 + this.extraLines;
      row.rowStart = pos;
      row.rowEnd = next > pos + 1 && buf[next - 2] === CR ? next - 2 : next - 1;
      pos = next;
      if (row.fieldCount === 1 && row.start[0] === row.end[0]) continue; // blank line
      if (next - row.rowStart > MAX_ROW_BYTES) {
        this.sink.onReject('row_too_large', line, `row longer than ${MAX_ROW_BYTES} bytes`, row.raw());
      } else if (row.fieldCount !== this.headerFields) {
        const truncated = final && row.fieldCount < this.headerFields;
        this.sink.onReject(
          truncated ? 'truncated_row' : 'malformed_row', line,
          `expected ${this.headerFields} fields, got ${row.fieldCount}${truncated ? ' in the last row, which has no final newline' : ''}`,
          row.raw(),
        );
      } else if (this.malformedColumn >= 0) {
        this.sink.onReject('malformed_row', line, `unexpected text after the closing quote of field ${this.malformedColumn + 1}`, row.raw());
      } else {
        this.sink.onRow(row, line);
      }
    }
  }

  private readHeader(buf: Buffer, start: number, nl: number): void {
    const counts = [0, 0, 0, 0];
    let quoted = false;
    for (let i = start; i < nl; i++) {
      const c = buf[i]!;
      if (c === QUOTE) quoted = !quoted;
      else if (!quoted) for (let d = 0; d < DELIMITERS.length; d++) if (c === DELIMITERS[d]) counts[d]!++;
    }
    let best = 0;
    for (let d = 1; d < DELIMITERS.length; d++) if (counts[d]! > counts[best]!) best = d;
    if (counts[best] === 0) throw this.unreadable('header row has a single column (no , ; | or tab delimiter)');
    this.delimiter = DELIMITERS[best]!;
    this.scanRow(buf, start, nl + 1);
    this.headerFields = this.row.fieldCount;
    if (this.headerFields > MAX_COLUMNS) throw this.unreadable(`header has more than ${MAX_COLUMNS} columns`);
    const col = this.row.col;
    col.fill(-1);
    for (let c = 0; c < this.headerFields; c++) {
      const name = buf.toString('utf8', this.row.start[c], this.row.end[c]).trim().toLowerCase();
      const k = this.schema.indexOf(name);
      if (k >= 0 && col[k] === -1) col[k] = c;
    }
    const missing = this.requiredHeader.filter((name) => col[this.schema.indexOf(name)] === -1);
    if (missing.length > 0) throw this.unreadable(`header lacks required column(s) ${missing.join(', ')}`);
    this.line += 1 + this.extraLines;
  }

  /**
   * Scans one row starting at pos; returns the offset after its newline, or -1 when the
   * row does not end inside buf[0, n).
   */
  private scanRow(buf: Buffer, pos: number, n: number): number {
    const delimiter = this.delimiter;
    const row = this.row;
    const starts = row.start;
    const ends = row.end;
    const escaped = row.escaped;
    let f = 0;
    let i = pos;
    let fieldStart = pos;
    this.extraLines = 0;
    this.malformedColumn = -1;
    while (true) {
      if (i >= n) return -1;
      let c = buf[i]!;
      if (c === QUOTE && i === fieldStart) {
        i++;
        const contentStart = i;
        let hasEscape = 0;
        while (true) {
          if (i >= n) return -1;
          c = buf[i]!;
          if (c === QUOTE) {
            if (i + 1 >= n) return -1;
            if (buf[i + 1] !== QUOTE) break;
            hasEscape = 1;
            i += 2;
            continue;
          }
          if (c === LF) this.extraLines++;
          i++;
        }
        const contentEnd = i;
        i++;
        if (i >= n) return -1;
        c = buf[i]!;
        if (c === CR && i + 1 < n && buf[i + 1] === LF) c = buf[++i]!;
        if (c !== delimiter && c !== LF) {
          if (this.malformedColumn < 0) this.malformedColumn = f;
          while (c !== delimiter && c !== LF) {
            if (++i >= n) return -1;
            c = buf[i]!;
          }
        }
        if (f < MAX_COLUMNS) {
          starts[f] = contentStart;
          ends[f] = contentEnd;
          escaped[f] = hasEscape;
        }
        f++;
        i++;
        if (c === LF) {
          row.fieldCount = f;
          return i;
        }
        fieldStart = i;
        continue;
      }
      while (c !== delimiter && c !== LF) {
        if (++i >= n) return -1;
        c = buf[i]!;
      }
      let fieldEnd = i;
      if (c === LF && fieldEnd > fieldStart && buf[fieldEnd - 1] === CR) fieldEnd--;
      if (f < MAX_COLUMNS) {
        starts[f] = fieldStart;
        ends[f] = fieldEnd;
        escaped[f] = 0;
      }
      f++;
      i++;
      if (c === LF) {
        row.fieldCount = f;
        return i;
      }
      fieldStart = i;
    }
  }
}
