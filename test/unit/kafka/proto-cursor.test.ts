import { describe, expect, it } from 'vitest';
import type { CdrBatch } from '../../../core/cdr.js';
import { createDictionaries } from '../../../core/dictionary.js';
import { decodePayload, PayloadError } from '../../../ingest/kafka/payload-decode.js';
import { encodePayload } from '../../../ingest/kafka/payload-encode.js';
import { cdrBatchProto } from '../../../ingest/kafka/proto-codec.js';
import { ProtoCursor } from '../../../ingest/kafka/record-cursor.js';
import { KafkaRecordDecoder } from '../../../ingest/kafka/record-decoder.js';
import { sampleCdrs } from './sample-cdrs.js';

function columns(batch: CdrBatch): unknown {
  const { length, recordId, cause, ...typed } = batch;
  return { length, recordId: recordId.slice(0, length), cause: cause.slice(0, length), ...Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, [...(v as Float64Array).subarray(0, length)]])) };
}

function encodeCdrs(cdrs: object[]): Buffer {
  const type = cdrBatchProto();
  return Buffer.from(type.encode(type.fromObject({ cdrs })).finish());
}

describe('ProtoCursor (wire-level CdrBatch)', () => {
  it('yields exactly the batch the protobufjs object path yields', () => {
    const records = sampleCdrs(60);
    records[5] = { ...records[5]!, start_time: '2026-11-02T08:00:00+07:00' };
    records[7] = { ...records[7]!, ring_s: 12.5 };
    const message = encodePayload('protobuf', records);
    const viaObjects = new KafkaRecordDecoder('84', createDictionaries(), undefined).decode(decodePayload('protobuf', message).records);
    const viaWire = new KafkaRecordDecoder('84', createDictionaries(), undefined).decodeCursors([new ProtoCursor(message)]);
    expect(viaWire.rejected).toEqual([]);
    expect(columns(viaWire.batch)).toEqual(columns(viaObjects.batch));
  });

  it('rejects invalid records with the same reasons, and renders them as JSON for the dead letter', () => {
    const [good] = sampleCdrs(1);
    const message = encodeCdrs([
      { ...good, start_time: undefined, start_time_ms: good!.start_time },
      { ...good, record_id: 'neg', start_time: undefined, start_time_ms: -5 },
      { ...good, record_id: 'no-time', start_time: undefined },
      { ...good, record_id: 'nan', start_time: undefined, start_time_ms: good!.start_time, duration_s: Number.NaN },
    ]);
    const cursor = new ProtoCursor(message);
    const result = new KafkaRecordDecoder('84', createDictionaries(), undefined).decodeCursors([cursor]);
    expect(result.batch.length).toBe(1);
    expect(result.rejected.map((r) => [r.index, r.reason])).toEqual([[1, 'invalid:start_time'], [2, 'missing:start_time'], [3, 'invalid:duration_s']]);
    expect(JSON.parse(cursor.raw(2)).record_id).toBe('no-time');
  });

  it('skips unknown fields of every wire type', () => {
    const [good] = sampleCdrs(1);
    const known = encodeCdrs([good!]);
    // Cdr field 99 varint, 98 fixed64, 97 bytes, 96 fixed32 appended inside the Cdr; outer field 5 appended too.
    const extra = Buffer.from([0x98, 0x06, 0x01, 0x91, 0x06, 1, 2, 3, 4, 5, 6, 7, 8, 0x8a, 0x06, 0x02, 0x61, 0x62, 0x85, 0x06, 1, 2, 3, 4]);
    const inner = known.subarray(1 + varintLength(known, 1));
    const cdr = Buffer.concat([inner, extra]);
    const message = Buffer.concat([Buffer.from([0x0a]), varint(cdr.length), cdr, Buffer.from([0x28, 0x07])]);
    const result = new KafkaRecordDecoder('84', createDictionaries(), undefined).decodeCursors([new ProtoCursor(message)]);
    expect(result.rejected).toEqual([]);
    expect(result.batch.recordId[0]).toBe(good!.record_id);
  });

  it.each([
    ['truncated length', Buffer.from([0x0a, 0x50, 0x01])],
    ['varint past the end', Buffer.from([0x0a, 0xff])],
    ['unknown wire type', Buffer.from([0x0f, 0x00])],
  ])('a message that is not a CdrBatch (%s) is a malformed payload', (_why, bytes) => {
    expect(() => new ProtoCursor(bytes)).toThrow(PayloadError);
  });
});

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

function varintLength(buf: Buffer, at: number): number {
  let n = 1;
  while (buf[at + n - 1]! >= 0x80) n++;
  return n;
}
