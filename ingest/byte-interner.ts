/**
 * A byte-keyed front for a Dictionary: finds the id of a value straight from the input
 * bytes, so a value seen before costs a hash and one cache line instead of a string
 * allocation plus a Map lookup (see bench/ingest-parse.ts). Short keys (IMSI, MSISDN,
 * IMEI, cell id, operator: ≤ 20 bytes) are stored inline in the slot, so a hit touches a
 * single 32-byte slot. Only a first sighting creates the string and goes to the
 * Dictionary, which stays the single source of ids (others may intern into it too; ids
 * never change, so a cached id never goes stale).
 */
import type { Dictionary } from '../core/dictionary.js';

/** Keys longer than this go straight to the Dictionary. */
const MAX_INLINE_KEY_BYTES = 20;
/** Slot layout in Int32 words: hash, id, length, then the key packed little-endian in 5 words. */
const STRIDE = 8;
/** The cache is emptied (and refilled lazily) past this many keys: bounds it at ~64 B/key × 4 M = 256 MB worst case. */
export const BYTE_INTERNER_MAX_KEYS = 4 * 1024 * 1024;
const INITIAL_SLOTS = 1 << 12;

export class ByteInterner {
  private table = new Int32Array(INITIAL_SLOTS * STRIDE);
  private slotCount = INITIAL_SLOTS;
  private count = 0;
  private readonly key = new Int32Array(5);

  constructor(readonly dictionary: Dictionary, private readonly maxKeys = BYTE_INTERNER_MAX_KEYS) {}

  get size(): number {
    return this.count;
  }

  /** Id of the bytes buf[s, e) read as latin1 text; empty → 0. */
  intern(buf: Uint8Array, s: number, e: number): number {
    const len = e - s;
    if (len === 0) return 0;
    if (len > MAX_INLINE_KEY_BYTES) return this.dictionary.intern(latin1(buf, s, e));
    const key = this.key;
    key[0] = key[1] = key[2] = key[3] = key[4] = 0;
    for (let i = 0; i < len; i++) key[i >> 2]! |= buf[s + i]! << ((i & 3) << 3);
    const k0 = key[0]!, k1 = key[1]!, k2 = key[2]!, k3 = key[3]!, k4 = key[4]!;
    // Word-wise multiply-rotate, then the murmur3 finaliser (slots are picked by the low bits).
    let h = len;
    h = Math.imul(h ^ k0, 0xcc9e2d51); h = (h << 15) | (h >>> 17);
    h = Math.imul(h ^ k1, 0x1b873593); h = (h << 13) | (h >>> 19);
    h = Math.imul(h ^ k2, 0xcc9e2d51); h = (h << 15) | (h >>> 17);
    h = Math.imul(h ^ k3, 0x1b873593); h = (h << 13) | (h >>> 19);
    h = Math.imul(h ^ k4, 0xcc9e2d51);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    const table = this.table;
    const mask = this.slotCount - 1;
    let slot = h & mask;
    while (true) {
      const base = slot * STRIDE;
      const slotLen = table[base + 2]!;
      if (slotLen === 0) break;
      if (table[base] === h && slotLen === len && table[base + 3] === k0 && table[base + 4] === k1 &&
          table[base + 5] === k2 && table[base + 6] === k3 && table[base + 7] === k4) {
        return table[base + 1]!;
      }
      slot = (slot + 1) & mask;
    }
    const id = this.dictionary.intern(latin1(buf, s, e));
    if (this.count >= this.maxKeys) {
      this.table = new Int32Array(INITIAL_SLOTS * STRIDE);
      this.slotCount = INITIAL_SLOTS;
      this.count = 0;
      slot = h & (INITIAL_SLOTS - 1);
    }
    this.store(this.table, slot * STRIDE, h, id, len);
    if (++this.count * 2 > this.slotCount) this.grow();
    return id;
  }

  private store(table: Int32Array, base: number, h: number, id: number, len: number): void {
    table[base] = h;
    table[base + 1] = id;
    table[base + 2] = len;
    table.set(this.key, base + 3);
  }

  private grow(): void {
    const old = this.table;
    const slotCount = this.slotCount * 2;
    const table = new Int32Array(slotCount * STRIDE);
    const mask = slotCount - 1;
    for (let base = 0; base < old.length; base += STRIDE) {
      if (old[base + 2] === 0) continue;
      let slot = old[base]! & mask;
      while (table[slot * STRIDE + 2] !== 0) slot = (slot + 1) & mask;
      table.set(old.subarray(base, base + STRIDE), slot * STRIDE);
    }
    this.table = table;
    this.slotCount = slotCount;
  }
}

function latin1(buf: Uint8Array, s: number, e: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1');
}

const shared = new WeakMap<Dictionary, ByteInterner>();

/** One interner per Dictionary, shared by every reader that fills it (no duplicate caches). */
export function byteInternerFor(dictionary: Dictionary): ByteInterner {
  let interner = shared.get(dictionary);
  if (interner === undefined) {
    interner = new ByteInterner(dictionary);
    shared.set(dictionary, interner);
  }
  return interner;
}
