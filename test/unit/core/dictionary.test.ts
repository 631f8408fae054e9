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
