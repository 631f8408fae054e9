import { describe, expect, it } from 'vitest';
import { hashLabel, Rng } from '../../../sim/prng.js';

describe('Rng', () => {
  it('repeats the same sequence for the same seed and label', () => {
    const a = new Rng(42, 'x');
    const b = new Rng(42, 'x');
    expect(Array.from({ length: 100 }, () => a.nextU32())).toEqual(Array.from({ length: 100 }, () => b.nextU32()));
  });

  it('gives different streams for different labels and seeds', () => {
    const base = Array.from({ length: 5 }, ((r) => () => r.nextU32())(new Rng(1, 'a')));
    expect(Array.from({ length: 5 }, ((r) => () => r.nextU32())(new Rng(1, 'b')))).not.toEqual(base);
    expect(Array.from({ length: 5 }, ((r) => () => r.nextU32())(new Rng(2, 'a')))).not.toEqual(base);
    expect(hashLabel('people')).not.toBe(hashLabel('peoplf'));
  });

  it('draws uniforms in [0,1) and integers in range', () => {
    const r = new Rng(7);
    let outside = 0;
    const ints = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const u = r.next();
      if (u < 0 || u >= 1) outside++;
      ints.add(r.intBetween(3, 5));
    }
    expect(outside).toBe(0);
    expect([...ints].sort()).toEqual([3, 4, 5]);
  });

  it('has the right means for poisson, exponential and lognormal medians', () => {
    const r = new Rng(11);
    const n = 20_000;
    const mean = (f: () => number): number => Array.from({ length: n }, f).reduce((s, x) => s + x, 0) / n;
    expect(mean(() => r.poisson(0.3))).toBeCloseTo(0.3, 1);
    expect(mean(() => r.poisson(50))).toBeGreaterThan(49);
    expect(mean(() => r.poisson(50))).toBeLessThan(51);
    expect(mean(() => r.exponential(10))).toBeGreaterThan(9.5);
    const draws = Array.from({ length: n }, () => r.lognormal(70, 1)).sort((a, b) => a - b);
    expect(draws[n / 2]).toBeGreaterThan(65);
    expect(draws[n / 2]).toBeLessThan(75);
  });

  it('produces fixed-length digit and hex strings', () => {
    const r = new Rng(3);
    expect(r.digits(15)).toMatch(/^\d{15}$/);
    expect(r.hex(16)).toMatch(/^[0-9a-f]{16}$/);
  });
});
