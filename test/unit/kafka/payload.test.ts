import { describe, expect, it } from 'vitest';
import { createDictionaries } from '../../../core/dictionary.js';
import { EventKind } from '../../../core/cdr.js';
import { RecordDeduplicator } from '../../../ingest/dedupe.js';
import { PAYLOAD_FORMATS } from '../../../ingest/kafka/formats.js';
import { decodePayload, PayloadError } from '../../../ingest/kafka/payload-decode.js';
import { encodePayload } from '../../../ingest/kafka/payload-encode.js';
import { cdrBatchProto } from '../../../ingest/kafka/proto-codec.js';
import { KafkaRecordDecoder } from '../../../ingest/kafka/record-decoder.js';
import { sampleCdrs } from './sample-cdrs.js';

describe('payload formats round-trip through the shared CDR validation', () => {
  const records = sampleCdrs(30);
  for (const format of PAYLOAD_FORMATS) {
    it(`${format}: every record comes back with the same values`, () => {
      const messages = format === 'json' ? records.map((r) => encodePayload('json', [r])) : [encodePayload(format, records)];
      const raw = messages.flatMap((m) => decodePayload(format, m).records);
      expect(raw).toHaveLength(records.length);
      const dicts = createDictionaries();
      const { batch, rejected, duplicates } = new KafkaRecordDecoder('84', dicts, undefined).decode(raw);
      expect(rejected).toEqual([]);
      expect(duplicates).toBe(0);
      expect(batch.length).toBe(records.length);
      for (let i = 0; i < records.length; i++) {
        const r = records[i]!;
        expect(batch.recordId[i]).toBe(r.record_id);
        expect(batch.startMs[i]).toBe(r.start_time);
        expect(batch.event[i]).toBe(EventKind[r.event]);
        expect(dicts.imsi.value(batch.imsiId[i]!)).toBe(r.imsi);
        expect(dicts.cell.value(batch.cellId[i]!)).toBe(r.cell_id);
        expect(batch.durationS[i]).toBe(r.duration_s ?? 0);
        expect(batch.bytes[i]).toBe(r.bytes ?? 0);
        expect(batch.cause[i]).toBe(r.cause ?? '');
      }
    });
  }

  it('protobuf keeps an int64 start_time_ms exact and prefers start_time text when set', () => {
    const type = cdrBatchProto();
    const ms = 4_102_444_799_999; // last ms of 2099: needs more than 32 bits
    const value = Buffer.from(type.encode(type.fromObject({ cdrs: [
      { record_id: 'a', start_time_ms: ms },
      { record_id: 'b', start_time_ms: 1, start_time: '2025-11-23T08:00:00+07:00' },
    ] })).finish());
    const [a, b] = decodePayload('protobuf', value).records;
    expect(a!.start_time).toBe(ms);
    expect(b!.start_time).toBe('2025-11-23T08:00:00+07:00');
  });

  it('csv takes a header row from the message, or the configured column order', () => {
    const withHeader = Buffer.from('imsi,record_id,operator\n452040000000001,x1,452-04\n');
    expect(decodePayload('csv', withHeader).records).toEqual([{ imsi: '452040000000001', record_id: 'x1', operator: '452-04' }]);
    const noHeader = Buffer.from('x2,452040000000002\n');
    expect(decodePayload('csv', noHeader, { csvColumns: ['record_id', 'imsi'] }).records).toEqual([{ record_id: 'x2', imsi: '452040000000002' }]);
  });

  it('a bad line inside jsonl/csv is a line reject; the lines around it are kept', () => {
    const jsonl = decodePayload('jsonl', Buffer.from('{"record_id":"a"}\n{oops\n[1]\n{"record_id":"b"}\n'));
    expect(jsonl.records.map((r) => r.record_id)).toEqual(['a', 'b']);
    expect(jsonl.lineRejects.map((r) => [r.reason, r.raw])).toEqual([['malformed_row', '{oops'], ['malformed_row', '[1]']]);
    const csv = decodePayload('csv', Buffer.from('a,b\n"unclosed'), { csvColumns: ['record_id', 'imsi'] });
    expect(csv.records).toEqual([{ record_id: 'a', imsi: 'b' }]);
    expect(csv.lineRejects.map((r) => r.reason)).toEqual(['truncated_row']);
    const short = decodePayload('csv', Buffer.from('a\n'), { csvColumns: ['record_id', 'imsi'] });
    expect(short.lineRejects[0]!.detail).toBe('1 fields, expected 2');
  });

  it.each([
    ['json', Buffer.from('{"record_id":'), 'malformed_payload'],
    ['json', Buffer.from('[{"record_id":"a"}]'), 'malformed_payload'],
    ['protobuf', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]), 'malformed_payload'],
    ['arrow', Buffer.from('definitely not arrow'), 'malformed_payload'],
    ['jsonl', Buffer.alloc(0), 'empty_payload'],
  ] as const)('%s payload %#: whole message rejected as %s', (format, value, reason) => {
    let caught: unknown;
    try {
      decodePayload(format, value);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PayloadError);
    expect((caught as PayloadError).reason).toBe(reason);
  });

  it('invalid records are rejected with ingest reasons and repeats are dropped as duplicates', () => {
    const [good] = sampleCdrs(1);
    const raw = [
      { ...good },
      { ...good, record_id: 'bad-imsi', imsi: '12' },
      { ...good, record_id: 'bad-event', event: 'fax' },
      { ...good }, // same operator + record_id: duplicate
    ];
    const dedupe = new RecordDeduplicator({ horizonMs: 86_400_000 });
    const result = new KafkaRecordDecoder('84', createDictionaries(), dedupe).decode(raw);
    expect(result.batch.length).toBe(1);
    expect([...result.acceptedCursor]).toEqual([0]);
    expect(result.rejected.map((r) => [r.index, r.reason])).toEqual([[1, 'invalid:imsi'], [2, 'unknown:event']]);
    expect(result.duplicates).toBe(1);
  });
});
