/**
 * HyperLogLog distinct counter (Flajolet et al. 2007) with the small-range linear-counting
 * correction; p = 10 gives 1024 one-byte registers and ≈ 3.3 % standard error.
 */
import { hashKey } from './hash.js';

export const DEFAULT_HLL_PRECISION = 10;

export class HyperLogLog {
  readonly registers: Uint8Array;
  private readonly m: number;
  private readonly shift: number;
  private readonly alpha: number;

  constructor(readonly precision = DEFAULT_HLL_PRECISION) {
    if (precision < 4 || precision > 16) throw new RangeError(`precision must be in [4, 16], got ${precision}`);
    this.m = 1 << precision;
    this.shift = 32 - precision;
    this.registers = new Uint8Array(this.m);
    this.alpha = this.m >= 128 ? 0.7213 / (1 + 1.079 / this.m) : this.m === 64 ? 0.709 : this.m === 32 ? 0.697 : 0.673;
  }

  add(key: number): void {
    const h = hashKey(key, 0x2545f491);
    const index = h >>> this.shift;
    const rest = (h << this.precision) >>> 0;
    const rank = rest === 0 ? this.shift + 1 : Math.clz32(rest) + 1;
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  count(): number {
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < this.m; i++) {
      const r = this.registers[i]!;
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const raw = (this.alpha * this.m * this.m) / sum;
    if (raw <= 2.5 * this.m && zeros > 0) return this.m * Math.log(this.m / zeros);
    return raw;
  }

  clear(): void {
    this.registers.fill(0);
  }
}
