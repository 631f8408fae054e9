import { describe, expect, it } from 'vitest';
import { Dictionary } from '../../../core/dictionary.js';

describe('Dictionary', () => {
  it('interns to dense ids from 1 and maps back', () => {
    const d = new Dictionary();
    expect(d.intern('452040000000001')).toBe(1);
    expect(d.intern('452040000000002')).toBe(2);
    expect(d.intern('452040000000001')).toBe(1);
    expect(d.value(2)).toBe('452040000000002');
    expect(d.size).toBe(2);
  });

  it('keeps 0 for absent values and never interns on lookup', () => {
    const d = new Dictionary();
    expect(d.intern('')).toBe(0);
    expect(d.lookup('x')).toBe(0);
    expect(d.size).toBe(0);
    expect(d.value(0)).toBe('');
  });
});

describe('Dictionary storage', () => {
  it('gives back exactly what was interned: digit strings of every length, leading zeros, and other values', () => {
    const d = new Dictionary();
    const values = ['0', '7', '00', '007', '84901234567', '452040000000001', '0123456789012345', '3520000000000017',
      '99999999', '100000000', '00000000', '000000000', '12345678901234567', '452-04-1-1', 'Viettel', '+84901234567', '8490123456a'];
    const ids = values.map((v) => d.intern(v));
    expect(new Set(ids).size).toBe(values.length);
    expect(ids).toEqual(values.map((_, i) => i + 1));
    expect(values.map((v) => d.intern(v))).toEqual(ids);
    expect(values.map((v) => d.lookup(v))).toEqual(ids);
    expect(ids.map((id) => d.value(id))).toEqual(values);
    expect([d.lookup('8'), d.lookup('0007'), d.value(values.length + 1), d.value(-1), d.size]).toEqual([0, 0, '', '', values.length]);
  });

  it('agrees with a Map over many values as its tables grow', () => {
    const d = new Dictionary();
    const reference = new Map<string, number>();
    let x = 12345;
    for (let i = 0; i < 50_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const v = i % 7 === 0 ? `cell-${x % 3000}` : String(x % 200_000).padStart(1 + (x % 16), '0');
      const id = d.intern(v);
      if (!reference.has(v)) reference.set(v, reference.size + 1);
      expect(id).toBe(reference.get(v));
    }
    expect(d.size).toBe(reference.size);
    for (const [v, id] of reference) expect([d.lookup(v), d.value(id)]).toEqual([id, v]);
  });
});
