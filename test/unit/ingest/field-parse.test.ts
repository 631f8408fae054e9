import { describe, expect, it } from 'vitest';
import { MAX_EVENT_MS, MIN_EVENT_MS, parseEventTimeMs, parseNumber } from '../../../ingest/field-parse.js';

const time = (s: string): number => {
  const b = Buffer.from(`xx${s}yy`); // offsets into a larger buffer, as in a CSV chunk
  return parseEventTimeMs(b, 2, 2 + Buffer.byteLength(s));
};
const num = (s: string): number => {
  const b = Buffer.from(`,${s},`);
  return parseNumber(b, 1, 1 + Buffer.byteLength(s));
};

describe('parseEventTimeMs', () => {
  it.each([
    '2026-11-23T10:00:00+07:00', '2026-11-23T10:00:00Z', '2026-11-23T10:00:00z', '2026-11-23 10:00:00Z', '2026-11-23T10:00:00.5Z',
    '2026-11-23T10:00:00.123456Z', '2026-11-23T10:00:00,250+07:00', '2026-11-23T10:00Z', '2026-11-23T10:00:00-05:30',
    '2026-11-23T10:00:00+0700', '2026-11-23T10:00:00+07', '2024-02-29T23:59:59Z', '2000-01-01T00:00:00Z', '2099-12-31T23:59:59Z',
  ])('%s is parsed like Date.parse', (iso) => {
    const normalised = iso.replace(' ', 'T').replace(/z$/, 'Z').replace(',', '.').replace(/([+-]\d\d)(\d\d)$/, '$1:$2').replace(/([+-]\d\d)$/, '$1:00');
    expect(time(iso)).toBe(Math.floor(Date.parse(normalised)));
  });

  it('reads epoch milliseconds', () => {
    expect(time('1795402800000')).toBe(1_795_402_800_000);
    expect(time(String(MIN_EVENT_MS))).toBe(MIN_EVENT_MS);
  });

  it.each([
    ['2026-11-23T10:00:00', 'no offset: local wall-clock time is ambiguous'],
    ['2026-11-23', 'date only'],
    ['2026-13-01T00:00:00Z', 'month 13'],
    ['2023-02-29T00:00:00Z', 'not a leap year'],
    ['2026-11-31T00:00:00Z', 'November 31'],
    ['2026-11-23T24:00:00Z', 'hour 24'],
    ['2026-11-23T10:60:00Z', 'minute 60'],
    ['2026-11-23T10:00:60Z', 'second 60'],
    ['2026-11-23T10:00:00+25:00', 'offset hours'],
    ['2026-11-23T10:00:00.Z', 'empty fraction'],
    ['2026-11-23T10:00:00Zjunk', 'trailing text'],
    ['23/11/2026 10:00', 'other formats'],
    ['1999-12-31T23:59:59Z', 'before 2000'],
    ['2100-01-01T00:00:00Z', '2100 or later'],
    ['2099-12-31T23:59:59-05:30', '2100 in UTC'],
    ['1700000000', 'epoch seconds (1970 as ms)'],
    [String(MAX_EVENT_MS), 'epoch ms at the upper bound'],
    ['-1795402800000', 'negative epoch'],
    ['', 'empty'],
  ])('%j is rejected (%s)', (text) => {
    expect(time(text)).toBeNaN();
  });
});

describe('parseNumber', () => {
  it.each([
    ['0', 0], ['30', 30], ['65.5', 65.5], ['-5', -5], ['+7', 7], ['.5', 0.5], ['5.', 5], ['1e3', 1000], ['1.5E-1', 0.15],
    ['123456789012345678', Number('123456789012345678')], ['0.1234567890123456789', Number('0.1234567890123456789')],
  ])('%j → %d', (text, value) => {
    expect(num(text)).toBe(value);
  });

  it.each(['', '-', '.', 'abc', '30s', '1,5', '0x10', 'Infinity', 'NaN', '1.2.3', '1 000', '1e999'])('%j → NaN', (text) => {
    expect(num(text)).toBeNaN();
  });
});
