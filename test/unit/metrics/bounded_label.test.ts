import { describe, expect, it } from 'vitest';
import { BoundedLabel, OTHER_LABEL_VALUE, UNKNOWN_LABEL_VALUE } from '../../../metrics/index.js';

describe('BoundedLabel', () => {
  it('admits distinct values up to the bound, then folds new ones into "other"', () => {
    const overflowed: string[] = [];
    const label = new BoundedLabel({ name: 'operator', maxValues: 2 }, (name) => overflowed.push(name));
    expect(label.value('452-01')).toBe('452-01');
    expect(label.value('452-02')).toBe('452-02');
    expect(label.value('452-04')).toBe(OTHER_LABEL_VALUE);
    expect(label.value('452-01')).toBe('452-01');
    expect(label.size).toBe(2);
    expect(label.overflows).toBe(1);
    expect(overflowed).toEqual(['operator']);
  });

  it('rejects values of the wrong shape without spending the bound', () => {
    const label = new BoundedLabel({ name: 'operator', maxValues: 4, pattern: /^\d{3}-\d{2,3}$/ });
    expect(label.value('84912345678')).toBe(OTHER_LABEL_VALUE);
    expect(label.value('452-04')).toBe('452-04');
    expect(label.size).toBe(1);
  });

  it('maps an empty value to "unknown" and refuses over-long values', () => {
    const label = new BoundedLabel({ name: 'province', maxValues: 4 });
    expect(label.value('')).toBe(UNKNOWN_LABEL_VALUE);
    expect(label.value('x'.repeat(65))).toBe(OTHER_LABEL_VALUE);
  });

  it('a closed label admits only its known values', () => {
    const label = new BoundedLabel({ name: 'severity', maxValues: 2, known: ['low', 'high'], closed: true });
    expect(label.value('high')).toBe('high');
    expect(label.value('urgent')).toBe(OTHER_LABEL_VALUE);
  });

  it('validates its options', () => {
    expect(() => new BoundedLabel({ name: 'x', maxValues: 0 })).toThrow(/maxValues/);
    expect(() => new BoundedLabel({ name: 'x', maxValues: 1, known: ['a', 'b'] })).toThrow(/exceed/);
  });
});
