import { describe, expect, it } from 'vitest';
import { PairTable } from '../../../engine/pair-table.js';

describe('PairTable', () => {
  it('agrees with a Map under random inserts, updates and sweeps (growth and backward-shift deletion)', () => {
    const table = new PairTable(1, 16);
    const reference = new Map<string, number>();
    let seed = 12345;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 500; i++) {
        const a = rand(200);
        const b = rand(50);
        const slot = table.upsert(a, b);
        table.set(slot, 0, round + 1);
        reference.set(`${a}:${b}`, round + 1);
      }
      const cutoff = round - 2;
      table.sweep((slot) => table.get(slot, 0) < cutoff);
      for (const [key, value] of reference) if (value < cutoff) reference.delete(key);
      expect(table.size).toBe(reference.size);
      for (const [key, value] of reference) {
        const [a, b] = key.split(':').map(Number) as [number, number];
        const slot = table.find(a, b);
        expect(slot).toBeGreaterThanOrEqual(0);
        expect(table.get(slot, 0)).toBe(value);
      }
    }
  });

  it('reports whether upsert inserted', () => {
    const table = new PairTable(2);
    table.upsert(1, 2);
    expect(table.inserted).toBe(true);
    table.upsert(1, 2);
    expect(table.inserted).toBe(false);
    expect(table.find(2, 1)).toBe(-1);
  });
});
