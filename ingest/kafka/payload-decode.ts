/**
 * Kafka message value → plain CDR records (Contract 1 field names), per payload format.
 * A value that cannot be read at all throws PayloadError (the whole message goes to the
 * dead-letter topic); a bad line inside a readable JSONL/CSV message is returned as a
 * line-level reject so the good lines around it are kept. Field validation happens later,
 * once, in the CDR record decoder shared with the file readers.
 */
import { tableFromIPC, type Table, type Vector } from 'apache-arrow';
import { CDR_FIELDS } from '../../core/cdr.js';
import type { RejectReason } from '../reasons.js';
import { splitCsvRows } from './csv-lines.js';
import type { MessageRejectReason, PayloadFormat } from './formats.js';
import { cdrBatchProto, int64ToNumber } from './proto-codec.js';

/** A CDR as it came off the wire: Contract 1 names, values not yet validated. */
const CDR_FIELD_SET: ReadonlySet<string> = new Set(CDR_FIELDS);

export type RawCdr = Record<string, unknown>;

export interface LineReject {
  reason: RejectReason;
  detail: string;
  raw: string;
}

export interface DecodedPayload {
  records: RawCdr[];
  /** Lines of a JSONL/CSV message that are not records; the rest of the message is kept. */
  lineRejects: LineReject[];
}

export class PayloadError extends Error {
  constructor(readonly reason: MessageRejectReason, message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

export interface PayloadDecodeOptions {
  /** CSV column order when messages carry no header row (default: Contract 1 order). */
  csvColumns?: readonly string[];
  csvDelimiter?: string;
}

export function decodePayload(format: PayloadFormat, value: Buffer | null, opts: PayloadDecodeOptions = {}): DecodedPayload {
  if (value === null || value.length === 0) throw new PayloadError('empty_payload', 'message has no value');
  switch (format) {
    case 'json':
      return { records: [decodeJsonObject(value)], lineRejects: [] };
    case 'jsonl':
      return decodeJsonLines(value);
    case 'csv':
      return decodeCsv(value, opts);
    case 'protobuf':
      return { records: decodeProtobuf(value), lineRejects: [] };
    case 'arrow':
      return { records: decodeArrow(value), lineRejects: [] };
  }
}

function decodeJsonObject(value: Buffer): RawCdr {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (cause) {
    throw new PayloadError('malformed_payload', `not JSON: ${(cause as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new PayloadError('malformed_payload', 'JSON payload is not one object');
  }
  return parsed as RawCdr;
}

function decodeJsonLines(value: Buffer): DecodedPayload {
  const records: RawCdr[] = [];
  const lineRejects: LineReject[] = [];
  for (const line of value.toString('utf8').split('\n')) {
    const text = line.trim();
    if (text === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      lineRejects.push({ reason: 'malformed_row', detail: `not JSON: ${(cause as Error).message}`, raw: text });
      continue;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      lineRejects.push({ reason: 'malformed_row', detail: 'line is not a JSON object', raw: text });
      continue;
    }
    records.push(parsed as RawCdr);
  }
  return { records, lineRejects };
}

function decodeCsv(value: Buffer, opts: PayloadDecodeOptions): DecodedPayload {
  const rows = splitCsvRows(value.toString('utf8'), opts.csvDelimiter ?? ',');
  let columns: readonly string[] = opts.csvColumns ?? CDR_FIELDS;
  let first = 0;
  // A message may start with its own header row (a file's first chunk): it names the columns.
  if (rows.length > 0 && rows[0]!.fields.every((f) => CDR_FIELD_SET.has(f.trim()))) {
    columns = rows[0]!.fields.map((f) => f.trim());
    first = 1;
  }
  const records: RawCdr[] = [];
  const lineRejects: LineReject[] = [];
  for (let r = first; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.unterminated) {
      lineRejects.push({ reason: 'truncated_row', detail: 'quoted field not closed', raw: row.raw });
    } else if (row.fields.length !== columns.length) {
      lineRejects.push({ reason: 'malformed_row', detail: `${row.fields.length} fields, expected ${columns.length}`, raw: row.raw });
    } else {
      const record: RawCdr = {};
      for (let c = 0; c < columns.length; c++) record[columns[c]!] = row.fields[c]!;
      records.push(record);
    }
  }
  return { records, lineRejects };
}

interface ProtoCdr {
  [field: string]: unknown;
  start_time_ms?: unknown;
  start_time?: string;
}

function decodeProtobuf(value: Buffer): RawCdr[] {
  let message: { cdrs?: ProtoCdr[] };
  try {
    message = cdrBatchProto().decode(value) as unknown as { cdrs?: ProtoCdr[] };
  } catch (cause) {
    throw new PayloadError('malformed_payload', `not a telsentry.v1.CdrBatch: ${(cause as Error).message}`);
  }
  const cdrs = message.cdrs ?? [];
  const records = new Array<RawCdr>(cdrs.length);
  for (let i = 0; i < cdrs.length; i++) {
    const cdr = cdrs[i]!;
    const record: RawCdr = {};
    for (const field of CDR_FIELDS) {
      if (field === 'start_time') continue;
      const v = cdr[field];
      // proto3: '' is "not set" for strings; optional scalars are null when absent.
      if (v === undefined || v === null || v === '') continue;
      record[field] = field === 'bytes' ? int64ToNumber(v) : v;
    }
    if (cdr.start_time) record.start_time = cdr.start_time;
    else {
      const ms = int64ToNumber(cdr.start_time_ms);
      if (ms !== 0) record.start_time = ms;
    }
    records[i] = record;
  }
  return records;
}

/** The Contract 1 columns of an Arrow IPC stream message; PayloadError when it is not one. */
export function arrowColumns(value: Buffer): { numRows: number; columns: (readonly [string, Vector])[] } {
  let table: Table;
  try {
    table = tableFromIPC(value);
  } catch (cause) {
    throw new PayloadError('malformed_payload', `not an Arrow IPC stream: ${(cause as Error).message}`);
  }
  const columns = CDR_FIELDS.flatMap((name) => {
    const column = table.getChild(name);
    return column === null ? [] : [[name, column] as const];
  });
  if (columns.length === 0) throw new PayloadError('malformed_payload', 'Arrow table has no Contract 1 column');
  return { numRows: table.numRows, columns };
}

/** An Arrow cell as a record value: undefined for null or '', 64-bit integers as Numbers (NaN past 2^53), dates as ms. */
export function arrowValue(v: unknown): unknown {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : NaN;
  if (v instanceof Date) return v.getTime();
  return v;
}

function decodeArrow(value: Buffer): RawCdr[] {
  const { numRows, columns } = arrowColumns(value);
  const records = new Array<RawCdr>(numRows);
  for (let i = 0; i < numRows; i++) records[i] = {};
  for (const [name, column] of columns) {
    for (let i = 0; i < numRows; i++) {
      const v = arrowValue(column.get(i));
      if (v !== undefined) records[i]![name] = v;
    }
  }
  return records;
}
