import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DeadLetterWriter, RecordDeduplicator } from '../../../ingest/index.js';
import { FIXTURES, readAll, reasonCounts, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('a file of deliberately broken rows', () => {
  it('keeps the good rows, counts every bad one by reason and drops the duplicate', async () => {
    const deadLetters = new DeadLetterWriter(tmp.path('broken.dead.jsonl'));
    const { rows, stats } = await readAll(FIXTURES + 'broken.csv', { deadLetters, dedupe: new RecordDeduplicator({ horizonMs: 86_400_000 }) });
    await deadLetters.close();

    expect(rows.map((r) => `${r.operator}/${r.recordId}`)).toEqual(['452-04/b-1', '452-05/b-1', '452-04/b-9']);
    expect(stats.read).toBe(14);
    expect(stats.accepted).toBe(3);
    expect(stats.duplicates).toBe(1);
    expect(stats.rejectedTotal).toBe(10);
    expect(reasonCounts(stats)).toEqual({
      'invalid:caller': 1,
      'invalid:start_time': 3, // month 13, naive local time, epoch seconds (1970)
      'malformed_row': 1,
      'missing:imsi': 1,
      'negative:duration_s': 1,
      'truncated_row': 1,
      'unknown:direction': 1,
      'unknown:event': 1,
    });

    const letters = readFileSync(deadLetters.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string; detail: string; raw: string });
    expect(letters.map((l) => [l.line, l.reason])).toEqual([
      [3, 'invalid:start_time'], [4, 'invalid:start_time'], [5, 'unknown:event'], [6, 'unknown:direction'],
      [7, 'negative:duration_s'], [8, 'missing:imsi'], [9, 'invalid:caller'], [13, 'malformed_row'],
      [14, 'invalid:start_time'], [15, 'truncated_row'],
    ]);
    expect(letters[2]!.detail).toBe('event "video": expected voice, sms or data');
    expect(letters[6]!.detail).toContain('caller "09123ABC78"');
    expect(letters[2]!.raw).toBe('b-4,452-04,video,mo,2026-11-23T10:00:00+07:00,30,true,0912345678,0987654321,452040000000001');
  });

  it('without a deduplicator, the repeat is kept (dedupe is the caller\'s choice)', async () => {
    const { stats } = await readAll(FIXTURES + 'broken.csv');
    expect(stats.accepted).toBe(4);
    expect(stats.duplicates).toBe(0);
  });
});
