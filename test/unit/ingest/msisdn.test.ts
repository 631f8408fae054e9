import { describe, expect, it } from 'vitest';
import { normaliseMsisdn } from '../../../ingest/index.js';

describe('normaliseMsisdn (home country 84)', () => {
  it.each([
    // national trunk prefix 0 → home country code
    ['0912345678', '84912345678'],
    ['091 234 5678', '84912345678'],
    ['(091) 234-5678', '84912345678'],
    ['091.234.5678', '84912345678'],
    // '+' and the international prefix 00 mark a number that already has its country code
    ['+84912345678', '84912345678'],
    ['+84 91 234 5678', '84912345678'],
    ['0084912345678', '84912345678'],
    ['+1 (415) 555-0100', '14155550100'],
    ['00447700900123', '447700900123'],
    // already-international digits are kept
    ['84912345678', '84912345678'],
    ['14155550100', '14155550100'],
    // 7 and 15 digits are the limits
    ['1234567', '1234567'],
    ['123456789012345', '123456789012345'],
    ['  0912345678  ', '84912345678'],
  ])('%j → %s', (raw, expected) => {
    expect(normaliseMsisdn(raw, '84')).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['09123ABC78', 'letters'],
    ['PRIVATE', 'withheld CLI text'],
    ['0912#345678', 'other symbols'],
    ['113', 'short code (< 7 digits)'],
    ['123456', '6 digits'],
    ['1234567890123456', '16 digits'],
    ['0123456789012345', 'national number too long once the country code is added'],
    ['+0912345678', "country code can't start with 0"],
    ['000912345678', "00 followed by 0"],
    ['0', 'a lone trunk prefix'],
    ['00', 'a lone international prefix'],
    ['91+2345678', "'+' inside the number"],
    ['++84912345678', "two '+'"],
    ['+', "only '+'"],
    ['- ( )', 'only separators'],
  ])('%j is rejected (%s)', (raw) => {
    expect(normaliseMsisdn(raw, '84')).toBeNull();
  });

  it('uses the configured home country for national numbers', () => {
    expect(normaliseMsisdn('0712345678', '44')).toBe('44712345678');
    expect(normaliseMsisdn('0612345678', '1')).toBe('1612345678');
    expect(normaliseMsisdn('+84912345678', '44')).toBe('84912345678');
  });
});
