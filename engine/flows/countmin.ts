/**
 * Count-min sketch (Cormode & Muthukrishnan 2005) over integer keys with two counters per
 * cell (e.g. packets and bytes), so one hash pass updates both. Estimates never
 * undercount; they overcount by at most ε·N with probability 1−δ (ε = e/width, δ = e^−depth).
 */
import { hashKey } from './hash.js';

export const DEFAULT_CMS_WIDTH = 4096; // ε ≈ 0.07 % of a minute's total
export const DEFAULT_CMS_DEPTH = 4; // δ ≈ 1.8 %

const SEEDS = [0x1b873593, 0xcc9e2d51, 0x7feb352d, 0x846ca68b, 0x5bd1e995, 0x68e31da4, 0xb5297a4d, 0x1b56c4e9];

export class CountMinSketch {
  readonly a: Float64Array;
  readonly b: Float64Array;
  private readonly mask: number;
  /** Estimates of the last add(), read right after it. */
  estimateA = 0;
  estimateB = 0;

  constructor(readonly width = DEFAULT_CMS_WIDTH, readonly depth = DEFAULT_CMS_DEPTH) {
    if ((width & (width - 1)) !== 0 || width < 16) throw new RangeError(`width must be a power of two ≥ 16, got ${width}`);
    if (depth < 1 || depth > SEEDS.length) throw new RangeError(`depth must be in [1, ${SEEDS.length}], got ${depth}`);
    this.mask = width - 1;
    this.a = new Float64Array(width * depth);
    this.b = new Float64Array(width * depth);
  }

  /** Adds (da, db) to `key`; leaves the new estimates in estimateA/estimateB. */
  add(key: number, da: number, db: number): void {
    let minA = Infinity;
    let minB = Infinity;
    for (let row = 0; row < this.depth; row++) {
      const cell = row * this.width + (hashKey(key, SEEDS[row]!) & this.mask);
      const va = (this.a[cell] += da);
      const vb = (this.b[cell] += db);
      if (va < minA) minA = va;
      if (vb < minB) minB = vb;
    }
    this.estimateA = minA;
    this.estimateB = minB;
  }

  /** Estimates for `key` into estimateA/estimateB without changing counts. */
  query(key: number): void {
    let minA = Infinity;
    let minB = Infinity;
    for (let row = 0; row < this.depth; row++) {
      const cell = row * this.width + (hashKey(key, SEEDS[row]!) & this.mask);
      if (this.a[cell]! < minA) minA = this.a[cell]!;
      if (this.b[cell]! < minB) minB = this.b[cell]!;
    }
    this.estimateA = minA;
    this.estimateB = minB;
  }

  clear(): void {
    this.a.fill(0);
    this.b.fill(0);
  }
}
