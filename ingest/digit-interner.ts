/**
 * Interning for digit strings (IMSI, IMEI, MSISDN: ≤ 16 digits). The digits themselves
 * are the key, packed exactly into two 32-bit words (length + leading digits, last 8
 * digits), so a slot is 16 bytes: half the footprint of the general ByteInterner, which
 * matters because these tables are the largest and are probed at random once per field.
 * First sightings go to the Dictionary (the source of ids) as strings.
 */
import { packedDigitHash as slotHash, type Dictionary } from '../core/dictionary.js';

/** 16 digits: IMEISV. Longer digit strings go straight to the Dictionary. */
const MAX_DIGITS = 16;
/** Slot layout in Int32 words: packed key A (0 = empty), key B, id, spare. */
const STRIDE = 4;
/** Emptied (and refilled lazily) past this many keys: bounds it at ≤ 32 B/key × 8 M = 256 MB. */
export const DIGIT_INTERNER_MAX_KEYS = 8 * 1024 * 1024;
const INITIAL_SLOTS = 1 << 12;

export class DigitInterner {
  private table = new Int32Array(INITIAL_SLOTS * STRIDE);
  private slotCount = INITIAL_SLOTS;
  private count = 0;

  constructor(readonly dictionary: Dictionary, private readonly maxKeys = DIGIT_INTERNER_MAX_KEYS) {}

  get size(): number {
    return this.count;
  }

  /** Packed form of the last key given to pack(): valid when pack() returned true. */
  keyA = 0;
  keyLo = 0;

  /** Id of the ASCII digits buf[s, e) (caller has checked they are digits); empty → 0. */
  intern(buf: Uint8Array, s: number, e: number): number {
    if (e === s) return 0;
    if (!this.pack(buf, s, e)) return this.dictionary.intern(latin1(buf, s, e));
    return this.internPacked(buf, s, e);
  }

  /** Packs buf[s, e) into keyA/keyLo exactly; false when longer than 16 digits. Not for empty input. */
  pack(buf: Uint8Array, s: number, e: number): boolean {
    const len = e - s;
    if (len > MAX_DIGITS) return false;
    const split = len > 8 ? e - 8 : s;
    let hi = 0;
    for (let i = s; i < split; i++) hi = hi * 10 + buf[i]! - 48;
    let lo = 0;
    for (let i = split; i < e; i++) lo = lo * 10 + buf[i]! - 48;
    this.keyA = (len << 27) | hi; // hi < 10^8 < 2^27; len ≥ 1 so keyA ≠ 0
    this.keyLo = lo;
    return true;
  }

  /** Id of the key last packed from buf[s, e). */
  internPacked(buf: Uint8Array, s: number, e: number): number {
    const keyA = this.keyA;
    const lo = this.keyLo;
    const table = this.table;
    const mask = this.slotCount - 1;
    const h = slotHash(keyA, lo);
    let slot = h & mask;
    while (true) {
      const base = slot * STRIDE;
      const a = table[base]!;
      if (a === 0) break;
      if (a === keyA && table[base + 1] === lo) return table[base + 2]!;
      slot = (slot + 1) & mask;
    }
    const id = this.dictionary.intern(latin1(buf, s, e));
    if (this.count >= this.maxKeys) {
      this.table = new Int32Array(INITIAL_SLOTS * STRIDE);
      this.slotCount = INITIAL_SLOTS;
      this.count = 0;
      slot = h & (INITIAL_SLOTS - 1);
    }
    const base = slot * STRIDE;
    this.table[base] = keyA;
    this.table[base + 1] = lo;
    this.table[base + 2] = id;
    if (++this.count * 2 > this.slotCount) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.table;
    const slotCount = this.slotCount * 2;
    const table = new Int32Array(slotCount * STRIDE);
    const mask = slotCount - 1;
    for (let base = 0; base < old.length; base += STRIDE) {
      const a = old[base]!;
      if (a === 0) continue;
      const lo = old[base + 1]!;
      const h = slotHash(a, lo);
      let slot = h & mask;
      while (table[slot * STRIDE] !== 0) slot = (slot + 1) & mask;
      table[slot * STRIDE] = a;
      table[slot * STRIDE + 1] = lo;
      table[slot * STRIDE + 2] = old[base + 2]!;
    }
    this.table = table;
    this.slotCount = slotCount;
  }
}


function latin1(buf: Uint8Array, s: number, e: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1');
}

const shared = new WeakMap<Dictionary, DigitInterner>();

/** One interner per Dictionary, shared by every reader that fills it. */
export function digitInternerFor(dictionary: Dictionary): DigitInterner {
  let interner = shared.get(dictionary);
  if (interner === undefined) {
    interner = new DigitInterner(dictionary);
    shared.set(dictionary, interner);
  }
  return interner;
}
