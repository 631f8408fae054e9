/**
 * The records of one Kafka message, one row at a time, in the byte-offset form ingest's
 * CdrRowDecoder validates. Two kinds:
 *   ObjectCursor  plain objects (JSON, JSON Lines, CSV) laid out by JsonlScanner.loadObject
 *   ArrowCursor   an Arrow IPC stream: string columns copied as the UTF-8 bytes they already are,
 *                 other columns written as text, into one work buffer (no object per record)
 *   ProtoCursor   telsentry.v1.CdrBatch read at the wire level: the message is copied once into
 *                 a work buffer with a little room per Cdr after it, string fields are used in
 *                 place (protobuf strings are UTF-8 bytes already) and the few numeric fields
 *                 are written as ASCII into the Cdr's room, so no object is built per record
 *                 (protobufjs decode costs about as much as the whole validation).
 */
import { Type, type Data, type Vector } from 'apache-arrow';
import { CDR_FIELDS } from '../../core/cdr.js';
import { fieldText, JsonlScanner, withRoom } from '../jsonl-scanner.js';
import { RowView } from '../row.js';
import { arrowColumns, arrowValue, PayloadError, type RawCdr } from './payload-decode.js';
import { cdrBatchProto } from './proto-codec.js';

export interface RecordCursor {
  readonly count: number;
  /** Lays out record i and returns the row (valid until the next call). */
  row(i: number): RowView;
  /** Text of record i for a dead letter (JSON). */
  raw(i: number): string;
}

export class ObjectCursor implements RecordCursor {
  constructor(private readonly records: readonly RawCdr[], private readonly rows: JsonlScanner) {}

  get count(): number {
    return this.records.length;
  }

  row(i: number): RowView {
    return this.rows.loadObject(this.records[i]!, '');
  }

  raw(i: number): string {
    return JSON.stringify(this.records[i]);
  }
}

export class ArrowCursor implements RecordCursor {
  readonly count: number;
  private readonly rowView = new RowView(CDR_FIELDS.length);
  private work = Buffer.alloc(4096);
  /** Per schema field: its column, or null when the message has none. */
  private readonly vectors: (Vector | null)[] = CDR_FIELDS.map(() => null);
  /** First row of each record batch (columns of one table are chunked alike), and the chunk of the last row read. */
  private readonly chunkStarts: number[] = [0];
  private chunk = 0;

  constructor(buf: Buffer) {
    const { numRows, columns } = arrowColumns(buf);
    this.count = numRows;
    for (const [name, vector] of columns) this.vectors[CDR_FIELDS.indexOf(name as (typeof CDR_FIELDS)[number])] = vector;
    let start = 0;
    for (const data of columns[0]![1].data) this.chunkStarts.push(start += data.length);
    for (let k = 0; k < CDR_FIELDS.length; k++) this.rowView.col[k] = k;
    this.rowView.fieldCount = CDR_FIELDS.length;
  }

  raw(i: number): string {
    const record: RawCdr = {};
    this.vectors.forEach((vector, k) => {
      const v = vector === null ? undefined : arrowValue(vector.get(i));
      if (v !== undefined) record[CDR_FIELDS[k]!] = v;
    });
    return JSON.stringify(record);
  }

  row(i: number): RowView {
    const row = this.rowView;
    const starts = this.chunkStarts;
    if (i < starts[this.chunk]! || i >= starts[this.chunk + 1]!) {
      this.chunk = 0;
      while (i >= starts[this.chunk + 1]!) this.chunk++;
    }
    const j = i - starts[this.chunk]!;
    let w = 0;
    for (let k = 0; k < CDR_FIELDS.length; k++) {
      row.start[k] = w;
      row.escaped[k] = 0;
      const vector = this.vectors[k]!;
      if (vector !== null) {
        const data = vector.data[this.chunk] as Data;
        if (data.typeId === Type.Utf8) {
          if (data.nullCount === 0 || data.getValid(j)) {
            const offsets = data.valueOffsets as Int32Array;
            const from = offsets[j]!;
            const to = offsets[j + 1]!;
            this.work = withRoom(this.work, w, w + to - from);
            this.work.set((data.values as Uint8Array).subarray(from, to), w);
            w += to - from;
          }
        } else {
          const v = arrowValue(vector.get(i));
          if (v !== undefined) {
            const text = fieldText(v);
            this.work = withRoom(this.work, w, w + Buffer.byteLength(text));
            w += this.work.write(text, w);
          }
        }
      }
      row.end[k] = w;
    }
    row.buf = this.work;
    row.rawText = null;
    return row;
  }
}

export function newObjectRows(): JsonlScanner {
  return new JsonlScanner(CDR_FIELDS, { onRow: () => {}, onReject: () => {} });
}

// Wire types (protobuf encoding spec).
const VARINT = 0, FIXED64 = 1, LEN = 2, FIXED32 = 5;
/** Cdr field number → CDR_FIELDS index, for the length-delimited (string) fields. */
const STRING_FIELD: Int8Array = (() => {
  const map = new Int8Array(18).fill(-1);
  const byName: Record<number, string> = {
    1: 'record_id', 2: 'operator', 3: 'event', 4: 'direction', 6: 'start_time', 10: 'caller', 11: 'callee',
    12: 'imsi', 13: 'imei', 14: 'cell_id', 15: 'trunk_in', 17: 'cause',
  };
  for (const [number, name] of Object.entries(byName)) map[Number(number)] = CDR_FIELDS.indexOf(name as (typeof CDR_FIELDS)[number]);
  return map;
})();
const START_TIME = CDR_FIELDS.indexOf('start_time');
const DURATION = CDR_FIELDS.indexOf('duration_s');
const ANSWERED = CDR_FIELDS.indexOf('answered');
const RING = CDR_FIELDS.indexOf('ring_s');
const BYTES = CDR_FIELDS.indexOf('bytes');
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
/** Room per Cdr for its numeric fields as text: two doubles ≤ 24 chars, two uint64 ≤ 20, "false". */
const NUMBER_ROOM = 96;

function malformed(why: string): PayloadError {
  return new PayloadError('malformed_payload', `not a telsentry.v1.CdrBatch: ${why}`);
}

export class ProtoCursor implements RecordCursor {
  private readonly rowView = new RowView(CDR_FIELDS.length);
  /** The message bytes followed by NUMBER_ROOM bytes per Cdr: one copy per message, not per record. */
  private work: Buffer = Buffer.alloc(0);
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private pos = 0;
  /** End of the region being parsed (the whole message, or one Cdr). */
  private limit: number;
  private readonly floats: DataView;

  constructor(private readonly buf: Buffer) {
    for (let k = 0; k < CDR_FIELDS.length; k++) this.rowView.col[k] = k;
    this.rowView.fieldCount = CDR_FIELDS.length;
    this.floats = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.limit = buf.length;
    // Outer CdrBatch: only field 1 (repeated Cdr); anything else is skipped as unknown.
    while (this.pos < buf.length) {
      const tag = this.varint();
      const len = this.skipOrLength(tag & 7);
      if (tag >>> 3 === 1 && (tag & 7) === LEN) {
        this.starts.push(this.pos);
        this.ends.push(this.pos + len);
      }
      this.pos += len;
    }
    if (this.pos !== buf.length) throw malformed('truncated message');
    this.work = Buffer.allocUnsafe(buf.length + this.starts.length * NUMBER_ROOM);
    buf.copy(this.work, 0);
  }

  get count(): number {
    return this.starts.length;
  }

  raw(i: number): string {
    const type = cdrBatchProto().lookupType('telsentry.v1.Cdr');
    try {
      return JSON.stringify(type.toObject(type.decode(this.buf.subarray(this.starts[i]!, this.ends[i]!)), { longs: String }));
    } catch {
      return this.buf.subarray(this.starts[i]!, this.ends[i]!).toString('base64');
    }
  }

  row(i: number): RowView {
    const start = this.starts[i]!;
    const end = this.ends[i]!;
    const out = this.work;
    const row = this.rowView;
    row.buf = out;
    row.rawText = null;
    for (let k = 0; k < CDR_FIELDS.length; k++) row.start[k] = row.end[k] = 0;
    let w = this.buf.length + i * NUMBER_ROOM;
    let startMs = 0;
    this.pos = start;
    this.limit = end;
    try {
      while (this.pos < end) {
        const tag = this.varint();
        const field = tag >>> 3;
        const wire = tag & 7;
        if (wire === LEN && field < STRING_FIELD.length && STRING_FIELD[field]! >= 0) {
          const len = this.varint();
          if (this.pos + len > end) throw malformed('string past the end of its Cdr');
          const k = STRING_FIELD[field]!;
          row.start[k] = this.pos;
          row.end[k] = this.pos + len;
          this.pos += len;
        } else if (field === 5 && wire === VARINT) {
          startMs = this.varint();
        } else if ((field === 7 || field === 9) && wire === FIXED64) {
          if (this.pos + 8 > end) throw malformed('double past the end of its Cdr');
          const value = this.floats.getFloat64(this.pos, true);
          this.pos += 8;
          w = this.putText(field === 7 ? DURATION : RING, String(value), w);
        } else if (field === 8 && wire === VARINT) {
          const word = this.varint() !== 0 ? TRUE : FALSE;
          row.start[ANSWERED] = w;
          w += word.copy(out, w);
          row.end[ANSWERED] = w;
        } else if (field === 16 && wire === VARINT) {
          w = this.putText(BYTES, String(this.varint()), w);
        } else {
          this.pos += this.skipOrLength(wire);
          if (this.pos > end) throw malformed('field past the end of its Cdr');
        }
      }
    } catch {
      // A Cdr that does not parse: leave its fields as read so far; validation names what is missing.
      this.pos = end;
    }
    // start_time text wins over start_time_ms (cdr.proto); 0 means unset in proto3.
    if (row.end[START_TIME] === row.start[START_TIME] && startMs !== 0) w = this.putText(START_TIME, String(startMs), w);
    return row;
  }

  private putText(k: number, text: string, w: number): number {
    this.rowView.start[k] = w;
    const end = w + this.work.write(text, w, 'latin1');
    this.rowView.end[k] = end;
    return end;
  }

  /**
   * Unsigned varint as a Number. Values above 2^53 lose precision; the only such fields are
   * times and byte counts, which validation rejects far below that. Negative int64 (10 bytes)
   * comes out huge and is rejected the same way.
   */
  private varint(): number {
    const buf = this.buf;
    let result = 0;
    let scale = 1;
    for (let n = 0; n < 10; n++) {
      if (this.pos >= this.limit) throw malformed('truncated varint');
      const b = buf[this.pos++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
    throw malformed('varint longer than 10 bytes');
  }

  /** Bytes to skip for a field of this wire type (reading a LEN prefix); throws on an unknown wire type. */
  private skipOrLength(wire: number): number {
    switch (wire) {
      case VARINT: {
        this.varint();
        return 0;
      }
      case FIXED64:
        return 8;
      case LEN: {
        const len = this.varint();
        if (this.pos + len > this.limit) throw malformed('length past the end of the message');
        return len;
      }
      case FIXED32:
        return 4;
      default:
        throw malformed(`wire type ${wire}`);
    }
  }
}
