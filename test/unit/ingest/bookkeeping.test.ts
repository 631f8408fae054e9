import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Dictionary } from '../../../core/dictionary.js';
import { ByteInterner } from '../../../ingest/byte-interner.js';
import { DigitInterner } from '../../../ingest/digit-interner.js';
import { OwnerValueCache } from '../../../ingest/owner-cache.js';
import { DEAD_LETTER_RAW_MAX_CHARS, DeadLetterWriter, IngestStats, isRejectReason } from '../../../ingest/index.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('IngestStats', () => {
  it('adds counters and per-reason counts', () => {
    const a = new IngestStats();
    a.read = 10; a.accepted = 7; a.duplicates = 1; a.late = 2;
    a.reject('missing:imsi'); a.reject('missing:imsi');
    const b = new IngestStats();
    b.read = 5; b.accepted = 4;
    b.reject('malformed_row'); b.reject('missing:imsi');
    a.add(b);
    expect(a).toMatchObject({ read: 15, accepted: 11, duplicates: 1, late: 2, rejectedTotal: 4 });
    expect(a.reasonsByCount()).toEqual([['missing:imsi', 3], ['malformed_row', 1]]);
    expect(isRejectReason('missing:imsi')).toBe(true);
    expect(isRejectReason('missing:nothing')).toBe(false);
  });
});

describe('DeadLetterWriter', () => {
  it('writes one JSON object per line and bounds raw', async () => {
    const writer = new DeadLetterWriter(tmp.path('nested/dir/dead.jsonl'));
    writer.write({ source: 'a.csv', line: 2, reason: 'invalid:imsi', detail: 'imsi "1": expected 14-15 digits', raw: 'x,1\n"quoted"' });
    writer.write({ source: 'a.csv', line: 3, reason: 'row_too_large', detail: 'row longer', raw: 'y'.repeat(100_000) });
    await writer.close();
    const lines = readFileSync(writer.path, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual({ source: 'a.csv', line: 2, reason: 'invalid:imsi', detail: 'imsi "1": expected 14-15 digits', raw: 'x,1\n"quoted"' });
    const big = JSON.parse(lines[1]!) as { raw: string };
    expect(big.raw.startsWith('y'.repeat(DEAD_LETTER_RAW_MAX_CHARS) + '…[')).toBe(true);
    expect(big.raw.length).toBeLessThan(DEAD_LETTER_RAW_MAX_CHARS + 40);
    expect(() => writer.write({ source: 'a', line: 1, reason: 'malformed_row', detail: '', raw: '' })).toThrow(/closed/);
  });
});

describe('byte-keyed interners agree with the Dictionary', () => {
  it.each([
    ['DigitInterner', (d: Dictionary, max?: number) => new DigitInterner(d, max)],
    ['ByteInterner', (d: Dictionary, max?: number) => new ByteInterner(d, max)],
  ])('%s: same ids as Dictionary.intern, leading zeros and lengths kept apart, also after the cache is emptied', (_name, make) => {
    const dictionary = new Dictionary();
    const interner = make(dictionary, 500);
    const values: string[] = [];
    for (let i = 0; i < 3000; i++) values.push(String(i * 7919 % 100_000).padStart(3 + (i % 14), '0'));
    values.push('0', '00', '000000000000001', '1', '10', '1234567890123456', '12345678901234567');
    for (let pass = 0; pass < 2; pass++) {
      for (const value of values) {
        const bytes = Buffer.from(`;${value};`);
        expect(interner.intern(bytes, 1, 1 + value.length)).toBe(dictionary.intern(value));
      }
    }
    expect(interner.intern(Buffer.from('x'), 0, 0)).toBe(0);
    expect(interner.size).toBeLessThanOrEqual(500);
  });
});

describe('OwnerValueCache', () => {
  it('returns the interner id whether the owner keeps its value or changes it', () => {
    const dictionary = new Dictionary();
    const cache = new OwnerValueCache(new DigitInterner(dictionary));
    const sequence: [number, string][] = [
      [1, '84912345678'], [1, '84912345678'], [2, '84912345678'], [1, '849123456780'], [1, '84912345678'],
      [70_000, '356938035643809'], [70_000, '0356938035643809'], [3, '12345678901234567'], [3, '12345678901234567'],
    ];
    for (const [owner, value] of sequence) {
      const bytes = Buffer.from(`,${value},`);
      expect(cache.intern(owner, bytes, 1, 1 + value.length)).toBe(dictionary.intern(value));
    }
    expect(cache.intern(1, Buffer.from('x'), 0, 0)).toBe(0);
  });
});
