/**
 * Plain CDR records → Kafka message value, per payload format: what the simulator, the
 * integration tests and the throughput benchmark produce. Values are written as given (an
 * invalid record stays invalid) so the consumer's validation is what gets exercised.
 */
import { Bool, Float64, Int64, Table, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { CDR_FIELDS, type CdrRecord } from '../../core/cdr.js';
import type { PayloadFormat } from './formats.js';
import { cdrBatchProto } from './proto-codec.js';

const NUMBER_FIELDS: ReadonlySet<string> = new Set(['duration_s', 'ring_s', 'bytes']);

export function encodePayload(format: PayloadFormat, records: readonly CdrRecord[]): Buffer {
  switch (format) {
    case 'json':
      if (records.length !== 1) throw new Error(`json payload carries exactly one CDR (got ${records.length})`);
      return Buffer.from(JSON.stringify(records[0]));
    case 'jsonl':
      return Buffer.from(records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    case 'csv':
      return Buffer.from(records.map(csvLine).join('\n') + '\n');
    case 'protobuf':
      return encodeProtobuf(records);
    case 'arrow':
      return encodeArrow(records);
  }
}

function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV row in Contract 1 column order (the consumer's default when no header is sent). */
export function csvLine(record: CdrRecord): string {
  const row = record as unknown as Record<string, unknown>;
  return CDR_FIELDS.map((f) => csvField(row[f])).join(',');
}

function encodeProtobuf(records: readonly CdrRecord[]): Buffer {
  const type = cdrBatchProto();
  const cdrs = records.map((record) => {
    const { start_time: startTime, ...rest } = record;
    return typeof startTime === 'number' ? { ...rest, start_time_ms: startTime } : { ...rest, start_time: startTime };
  });
  return Buffer.from(type.encode(type.fromObject({ cdrs })).finish());
}

function encodeArrow(records: readonly CdrRecord[]): Buffer {
  const rows = records as unknown as readonly Record<string, unknown>[];
  const columns: Record<string, Vector> = {};
  for (const field of CDR_FIELDS) {
    const values = rows.map((r) => r[field] ?? null);
    if (values.every((v) => v === null)) continue;
    if (field === 'start_time' && values.every((v) => typeof v === 'number')) {
      columns[field] = vectorFromArray(values.map((v) => BigInt(v as number)), new Int64());
    } else if (field === 'answered') {
      columns[field] = vectorFromArray(values as (boolean | null)[], new Bool());
    } else if (NUMBER_FIELDS.has(field)) {
      columns[field] = vectorFromArray(values as (number | null)[], new Float64());
    } else {
      columns[field] = vectorFromArray(values.map((v) => (v === null ? null : String(v))), new Utf8());
    }
  }
  return Buffer.from(tableToIPC(new Table(columns), 'stream'));
}
