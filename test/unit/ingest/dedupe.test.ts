import { describe, expect, it } from 'vitest';
import { RecordDeduplicator } from '../../../ingest/index.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T00:00:00Z');

describe('RecordDeduplicator', () => {
  it('flags a repeat of (operator, record_id) and nothing else', () => {
    const dedupe = new RecordDeduplicator({ horizonMs: 24 * HOUR });
    expect(dedupe.isDuplicate(1, 'r-1', T0)).toBe(false);
    expect(dedupe.isDuplicate(1, 'r-2', T0)).toBe(false);
    expect(dedupe.isDuplicate(2, 'r-1', T0)).toBe(false); // same id, other operator
    expect(dedupe.isDuplicate(1, 'r-1', T0)).toBe(true);
    expect(dedupe.isDuplicate(1, 'r-1', T0 + HOUR)).toBe(true); // re-sent with a corrected time
    expect(dedupe.isDuplicate(2, 'r-1', T0)).toBe(true);
    expect(dedupe.size).toBe(3);
  });

  it('forgets records once event time moves past the horizon (automatically, as later records arrive)', () => {
    const dedupe = new RecordDeduplicator({ horizonMs: 8 * HOUR }); // 1 h buckets
    dedupe.isDuplicate(1, 'early', T0);
    dedupe.isDuplicate(1, 'later', T0 + 5 * HOUR);
    expect(dedupe.isDuplicate(1, 'early', T0 + 30 * 60_000)).toBe(true); // within horizon
    dedupe.isDuplicate(1, 'now', T0 + 9 * HOUR + 1); // horizon start passes T0's bucket
    expect(dedupe.size).toBe(2);
    expect(dedupe.isDuplicate(1, 'later', T0 + 5 * HOUR)).toBe(true);
    // 'early' is outside memory: not reported, and not remembered either
    expect(dedupe.isDuplicate(1, 'early', T0)).toBe(false);
    expect(dedupe.isDuplicate(1, 'early', T0)).toBe(false);
  });

  it('expireBefore drops whole buckets that end before the given time', () => {
    const dedupe = new RecordDeduplicator({ horizonMs: 8 * HOUR });
    for (let h = 0; h < 8; h++) dedupe.isDuplicate(1, `h${h}`, T0 + h * HOUR + 1);
    expect(dedupe.size).toBe(8);
    dedupe.expireBefore(T0 + 3 * HOUR + 30 * 60_000); // buckets 0,1,2 end before; bucket 3 does not
    expect(dedupe.size).toBe(5);
    expect(dedupe.isDuplicate(1, 'h3', T0 + 3 * HOUR + 1)).toBe(true);
    expect(dedupe.isDuplicate(1, 'h2', T0 + 2 * HOUR + 1)).toBe(false);
    dedupe.expireBefore(T0 + 100 * HOUR);
    expect(dedupe.size).toBe(0);
  });

  it('keeps memory bounded by maxEntries, dropping the oldest buckets first', () => {
    const dedupe = new RecordDeduplicator({ horizonMs: 8 * HOUR, maxEntries: 1000 });
    for (let i = 0; i < 1500; i++) dedupe.isDuplicate(1, `r-${i}`, T0 + Math.floor(i / 300) * HOUR); // 5 hourly buckets of 300
    expect(dedupe.size).toBeLessThan(1000);
    expect(dedupe.isDuplicate(1, 'r-1499', T0 + 4 * HOUR)).toBe(true); // newest kept
    expect(dedupe.isDuplicate(1, 'r-0', T0)).toBe(false); // oldest dropped to make room
  });

  it('stays exact across table growth (100k distinct ids, then all repeated)', () => {
    const dedupe = new RecordDeduplicator({ horizonMs: 24 * HOUR });
    let duplicates = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < 100_000; i++) if (dedupe.isDuplicate(7, `CDR${i}`, T0 + i)) duplicates++;
    }
    expect(duplicates).toBe(100_000);
    expect(dedupe.size).toBe(100_000);
  });

  it('rejects a horizon that is not a positive finite number', () => {
    expect(() => new RecordDeduplicator({ horizonMs: 0 })).toThrow(/horizonMs/);
    expect(() => new RecordDeduplicator({ horizonMs: Infinity })).toThrow(/horizonMs/);
  });

  it('matches a plain Map model over a long stream with rolling expiry, slot reuse and compaction', () => {
    const horizonMs = 8 * HOUR;
    const bucketMs = HOUR; // horizon / 8
    const dedupe = new RecordDeduplicator({ horizonMs });
    const model = new Map<string, number>(); // key → bucket
    let maxStart = -Infinity;
    let liveFrom = -Infinity;
    let seed = 12345;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let duplicates = 0;
    for (let i = 0; i < 60_000; i++) {
      const t = T0 + i * 60_000 - Math.floor(rand() * 3 * HOUR); // ~1 record/min, up to 3 h out of order
      const id = rand() < 0.2 && i > 10 ? `r-${i - 1 - Math.floor(rand() * Math.min(i - 1, 600))}` : `r-${i}`;
      const op = rand() < 0.5 ? 1 : 2;
      // model of the documented semantics
      if (t > maxStart) {
        maxStart = t;
        liveFrom = Math.max(liveFrom, Math.floor((t - horizonMs) / bucketMs));
      }
      const bucket = Math.floor(t / bucketMs);
      let expected = false;
      if (bucket >= liveFrom) {
        const seen = model.get(`${op}/${id}`);
        if (seen !== undefined && seen >= liveFrom) expected = true;
        else model.set(`${op}/${id}`, bucket);
      }
      const actual = dedupe.isDuplicate(op, id, t);
      expect(actual, `record ${i}`).toBe(expected);
      if (actual) duplicates++;
    }
    expect(duplicates).toBeGreaterThan(1000);
    expect(dedupe.size).toBe([...model.values()].filter((b) => b >= liveFrom).length);
  });

  it('works with a horizon of a few milliseconds (bucket numbers beyond int32)', () => {
    const dedupe = new RecordDeduplicator({ horizonMs: 8 });
    expect(dedupe.isDuplicate(1, 'a', T0)).toBe(false);
    expect(dedupe.isDuplicate(1, 'a', T0 + 3)).toBe(true);
    expect(dedupe.isDuplicate(1, 'a', T0 + 20)).toBe(false); // expired, remembered again
    expect(dedupe.isDuplicate(1, 'a', T0 + 21)).toBe(true);
  });
});
