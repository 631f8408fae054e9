import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ANSWERED_NA, type CdrRecord } from '../../../core/cdr.js';
import { createDictionaries } from '../../../core/dictionary.js';
import { DeadLetterWriter, decodeCdrRecords, IngestStats, RecordDeduplicator } from '../../../ingest/index.js';
import { plainRows, reasonCounts, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const voice = (id: string, over: Partial<CdrRecord> = {}): CdrRecord => ({
  record_id: id, operator: '452-04', event: 'voice', direction: 'mo', start_time: '2026-11-23T10:00:00+07:00',
  duration_s: 30, answered: true, caller: '0912345678', callee: '0987654321', imsi: '452040000000001', ...over,
});

describe('decodeCdrRecords', () => {
  it('decodes plain records like file rows: served/peer by direction, NA and NaN for absent values', () => {
    const dictionaries = createDictionaries();
    const stats = new IngestStats();
    const batch = decodeCdrRecords([
      voice('a'),
      voice('b', { direction: 'mt', answered: false, duration_s: 0, ring_s: 12, trunk_in: 'national' }),
      { record_id: 'c', operator: '452-04', event: 'data', direction: 'mo', start_time: 1_795_402_800_000, duration_s: 10, bytes: 500, imsi: '452040000000001', caller: '0912345678' },
    ], { homeCountryCode: '84', dictionaries, stats });
    const rows = plainRows(batch, dictionaries);
    expect(rows.map((r) => [r.recordId, r.served, r.peer, r.answered, r.ringS])).toEqual([
      ['a', '84912345678', '84987654321', 1, NaN],
      ['b', '84987654321', '84912345678', 0, 12],
      ['c', '84912345678', '', ANSWERED_NA, NaN],
    ]);
    expect(rows[1]!.trunkIn).toBe(2);
    expect(rows[2]!.bytes).toBe(500);
    expect(stats).toMatchObject({ read: 3, accepted: 3 });
  });

  it('rejects, dead-letters (with the record as raw JSON) and dedupes with the same rules', async () => {
    const dictionaries = createDictionaries();
    const stats = new IngestStats();
    const deadLetters = new DeadLetterWriter(tmp.path('records.dead.jsonl'));
    const batch = decodeCdrRecords([
      voice('a'),
      voice('b', { duration_s: -1 }),
      voice('a'),
      voice('c', { caller: 'x' }),
      { ...voice('d'), answered: 'maybe' as unknown as boolean },
    ], { homeCountryCode: '84', dictionaries, stats, deadLetters, dedupe: new RecordDeduplicator({ horizonMs: 3_600_000 }), sourceName: 'sim' });
    await deadLetters.close();
    expect(batch.length).toBe(1);
    expect(stats.duplicates).toBe(1);
    expect(reasonCounts(stats)).toEqual({ 'invalid:answered': 1, 'invalid:caller': 1, 'negative:duration_s': 1 });
    const first = JSON.parse(readFileSync(deadLetters.path, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ source: 'sim', line: 2, reason: 'negative:duration_s', detail: 'duration_s "-1": must be >= 0' });
    expect(JSON.parse(first.raw as string)).toEqual(voice('b', { duration_s: -1 }));
  });

  it('keeps causes exact: repeated ASCII, UTF-8, long and quoted ones', () => {
    const causes = ['normal', 'mất sóng', 'normal', 'x'.repeat(40), 'say "hi"', 'mất sóng', 'normal'];
    const batch = decodeCdrRecords(causes.map((cause, i) => voice(`k${i}`, { cause })), { homeCountryCode: '84', dictionaries: createDictionaries(), stats: new IngestStats() });
    expect(batch.cause.slice(0, batch.length)).toEqual(causes);
  });

  it('returns an empty batch for no records', () => {
    expect(decodeCdrRecords([], { homeCountryCode: '84', dictionaries: createDictionaries(), stats: new IngestStats() }).length).toBe(0);
  });
});
