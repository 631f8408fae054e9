/**
 * Per-IMSI memo of the last value seen with it (its own MSISDN, its IMEI). A SIM keeps
 * its number and usually its device, so most rows find the id here, in a dense array
 * indexed by IMSI id that stays in cache, instead of probing the large, randomly
 * accessed MSISDN/IMEI tables. The memo holds the exact packed digits, so a hit is
 * exact; a change (new device, another number) just falls through to the interner.
 */
import type { DigitInterner } from './digit-interner.js';

/** Owners (IMSI ids) above this are not memoised: 16 M × 12 B = 192 MB at most. */
const MAX_OWNERS = 16 * 1024 * 1024;
const STRIDE = 3; // keyA, keyLo, id

export class OwnerValueCache {
  private memo = new Int32Array(4096 * STRIDE);

  constructor(private readonly interner: DigitInterner) {}

  /** Id of the digits buf[s, e) as interned by the interner, memoised for `ownerId`. */
  intern(ownerId: number, buf: Uint8Array, s: number, e: number): number {
    if (e === s) return 0;
    const interner = this.interner;
    if (ownerId >= MAX_OWNERS || !interner.pack(buf, s, e)) return interner.intern(buf, s, e);
    const base = ownerId * STRIDE;
    if (base >= this.memo.length) this.grow(base);
    const memo = this.memo;
    if (memo[base] === interner.keyA && memo[base + 1] === interner.keyLo) return memo[base + 2]!;
    const id = interner.internPacked(buf, s, e);
    memo[base] = interner.keyA;
    memo[base + 1] = interner.keyLo;
    memo[base + 2] = id;
    return id;
  }

  private grow(base: number): void {
    let length = this.memo.length;
    while (length <= base) length *= 2;
    const memo = new Int32Array(length);
    memo.set(this.memo);
    this.memo = memo;
  }
}
