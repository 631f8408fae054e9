import { Bool, Float64, Int64, RecordBatch, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { CdrBatch } from '../../../core/cdr.js';
import { createDictionaries } from '../../../core/dictionary.js';
import { decodePayload, PayloadError } from '../../../ingest/kafka/payload-decode.js';
import { encodePayload } from '../../../ingest/kafka/payload-encode.js';
import { ArrowCursor } from '../../../ingest/kafka/record-cursor.js';
import { KafkaRecordDecoder } from '../../../ingest/kafka/record-decoder.js';
import { sampleCdrs } from './sample-cdrs.js';

function columns(batch: CdrBatch): unknown {
  const { length, recordId, cause, ...typed } = batch;
  return { length, recordId: recordId.slice(0, length), cause: cause.slice(0, length), ...Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, [...(v as Float64Array).subarray(0, length)]])) };
}

const decoder = () => new KafkaRecordDecoder('84', createDictionaries(), undefined);

describe('ArrowCursor (Arrow IPC without an object per record)', () => {
  it('yields exactly the batch and rejects of the object path, nulls, empty strings and Unicode included', () => {
    const records = sampleCdrs(80);
    records[3] = { ...records[3]!, start_time: '2026-11-02T08:00:00+07:00' };
    records[4] = { ...records[4]!, imei: null as unknown as string };
    records[6] = { ...records[6]!, cause: 'hết tiền — 😀' };
    records[8] = { ...records[8]!, imsi: '' };
    records[9] = { ...records[9]!, duration_s: -3 };
    records[10] = { ...records[10]!, callee: '84 90x' };
    const message = encodePayload('arrow', records);
    const viaObjects = decoder().decode(decodePayload('arrow', message).records);
    const cursor = new ArrowCursor(message);
    const viaCursor = decoder().decodeCursors([cursor]);
    expect(viaCursor.rejected.map((r) => [r.index, r.reason])).toEqual(viaObjects.rejected.map((r) => [r.index, r.reason]));
    expect(viaCursor.rejected.length).toBeGreaterThanOrEqual(3);
    expect(columns(viaCursor.batch)).toEqual(columns(viaObjects.batch));
    expect(viaCursor.batch.cause).toContain('hết tiền — 😀');
    expect(JSON.parse(cursor.raw(8))).toEqual(decodePayload('arrow', message).records[8]);
  });

  it('reads a table of several record batches, and 64-bit and boolean columns', () => {
    const [a, b] = sampleCdrs(2);
    const batchOf = (r: typeof a) => new RecordBatch({
      record_id: vectorFromArray([r!.record_id], new Utf8()).data[0]!,
      operator: vectorFromArray([r!.operator], new Utf8()).data[0]!,
      event: vectorFromArray([r!.event], new Utf8()).data[0]!,
      direction: vectorFromArray([r!.direction], new Utf8()).data[0]!,
      start_time: vectorFromArray([BigInt(Date.parse('2026-11-02T01:00:00Z'))], new Int64()).data[0]!,
      duration_s: vectorFromArray([r!.duration_s ?? null], new Float64()).data[0]!,
      answered: vectorFromArray([r!.answered ?? null], new Bool()).data[0]!,
      caller: vectorFromArray([r!.caller], new Utf8()).data[0]!,
      callee: vectorFromArray([r!.callee], new Utf8()).data[0]!,
      imsi: vectorFromArray([r!.imsi], new Utf8()).data[0]!,
    });
    const message = Buffer.from(tableToIPC(new Table([batchOf(a), batchOf(b)]), 'stream'));
    const cursor = new ArrowCursor(message);
    expect(cursor.count).toBe(2);
    const viaCursor = decoder().decodeCursors([cursor]);
    const viaObjects = decoder().decode(decodePayload('arrow', message).records);
    expect(viaCursor.rejected).toEqual(viaObjects.rejected);
    expect(viaCursor.batch.length).toBe(viaObjects.batch.length);
    expect(columns(viaCursor.batch)).toEqual(columns(viaObjects.batch));
    expect([...viaCursor.batch.recordId.slice(0, 2)]).toEqual([a!.record_id, b!.record_id]);
  });

  it.each([
    ['not Arrow at all', Buffer.from('hello, world')],
    ['Arrow without a Contract 1 column', Buffer.from(tableToIPC(new Table({ x: vectorFromArray([1, 2]) }), 'stream'))],
  ])('%s is a malformed payload', (_why, bytes) => {
    expect(() => new ArrowCursor(bytes)).toThrow(PayloadError);
  });
});
